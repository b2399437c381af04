//! The search builder: JSON shape, and the limits Intercom enforces.

use serde_json::json;

use super::*;

fn json_of(search: Search) -> serde_json::Value {
    serde_json::to_value(search.build().expect("a valid query")).unwrap()
}

#[test]
fn typed_fields_make_values_of_the_right_json_type() {
    let query = Search::all([
        contact::EMAIL_DOMAIN.eq("example.com"),
        contact::CREATED_AT.gt(1_700_000_000),
        contact::HAS_HARD_BOUNCED.eq(false),
        Search::any([contact::ROLE.eq("user"), contact::custom_text("plan").is_in(["pro", "team"])]),
        contact::OWNER_ID.not_in([1, 2]),
        contact::PHONE.is_empty(),
    ])
    .sort(contact::CREATED_AT, Order::Descending)
    .per_page(50);
    assert_eq!(
        json_of(query),
        json!({
            "query": {"operator": "AND", "value": [
                {"field": "email_domain", "operator": "=", "value": "example.com"},
                {"field": "created_at", "operator": ">", "value": 1_700_000_000},
                {"field": "has_hard_bounced", "operator": "=", "value": false},
                {"operator": "OR", "value": [
                    {"field": "role", "operator": "=", "value": "user"},
                    {"field": "custom_attributes.plan", "operator": "IN", "value": ["pro", "team"]},
                ]},
                {"field": "owner_id", "operator": "NIN", "value": [1, 2]},
                {"field": "phone", "operator": "=", "value": null},
            ]},
            "pagination": {"per_page": 50},
            "sort": {"field": "created_at", "order": "descending"},
        })
    );
}

#[test]
fn every_operator_of_the_spec_is_reachable() {
    let text = conversation::SOURCE_SUBJECT;
    let number = ticket::CREATED_AT;
    let operators: Vec<String> = [
        text.eq("a"),
        text.ne("a"),
        text.is_in(["a"]),
        text.not_in(["a"]),
        number.gt(1),
        number.lt(1),
        number.ge(1),
        number.le(1),
        text.contains("a"),
        text.not_contains("a"),
        text.starts_with("a"),
        text.ends_with("a"),
    ]
    .into_iter()
    .map(|s| json_of(s)["query"]["operator"].as_str().unwrap().to_owned())
    .collect();
    assert_eq!(operators, ["=", "!=", "IN", "NIN", ">", "<", ">=", "<=", "~", "!~", "^", "$"]);
}

#[test]
fn two_levels_of_groups_pass_and_three_are_refused() {
    let leaf = || contact::EMAIL.eq("a@b.c");
    assert!(Search::all([Search::any([leaf()]), leaf()]).build().is_ok());
    let err = Search::all([Search::any([Search::all([leaf()])])]).build().unwrap_err();
    assert_eq!(err.to_string(), "invalid request: search groups nest 3 deep; Intercom allows 2");
}

#[test]
fn groups_hold_one_to_fifteen_filters() {
    let filters = |n: usize| (0..n).map(|i| contact::EMAIL.eq(format!("{i}@b.c"))).collect::<Vec<_>>();
    assert!(Search::any(filters(15)).build().is_ok());
    let err = Search::any(filters(16)).build().unwrap_err();
    assert_eq!(err.to_string(), "invalid request: a search OR group holds 16 filters; Intercom allows 1 to 15");
    assert!(Search::all([]).build().is_err());
}

#[test]
fn list_operators_need_lists_and_others_refuse_them() {
    let err = Search::filter("email", SearchOperator::In, FilterValue::String("a".into())).build().unwrap_err();
    assert_eq!(err.to_string(), "invalid request: search filter on `email`: operator `IN` needs a list");
    let err = Search::filter("id", SearchOperator::Eq, FilterValue::StringList(vec!["a".into()])).build().unwrap_err();
    assert_eq!(err.to_string(), "invalid request: search filter on `id`: operator `=` takes one value, not a list");
}

#[test]
fn per_page_is_one_to_one_hundred_and_fifty() {
    let query = || Search::filter("role", SearchOperator::Eq, FilterValue::String("user".into()));
    assert_eq!(query().per_page(150).build().unwrap().pagination.unwrap().per_page, Some(150));
    for refused in [0, -1, 151, 500] {
        let err = query().per_page(refused).build().unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("invalid request: a search page of {refused} results; Intercom allows 1 to 150")
        );
    }
}
