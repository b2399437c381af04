//! A typed builder of search queries for contacts, conversations and tickets, checked before sending.
//!
//! ```
//! use intercom_ureq::search::{contact, Order, Search};
//! use intercom_ureq::endpoints::SearchContacts;
//!
//! let query = Search::all([
//!     contact::EMAIL_DOMAIN.eq("example.com"),
//!     contact::CREATED_AT.gt(1_700_000_000),
//!     Search::any([contact::ROLE.eq("user"), contact::custom_text("plan").is_in(["pro", "team"])]),
//! ])
//! .sort(contact::CREATED_AT, Order::Descending)
//! .per_page(50);
//! let request = SearchContacts::matching(query)?;
//! # Ok::<(), intercom_ureq::Error>(())
//! ```
//!
//! Intercom refuses queries nested more than two groups deep, groups of more than 15 filters, and list
//! operators (`IN`, `NIN`) without a list; [`Search::build`] refuses them first, with an error that says
//! where.

mod fields;

use std::borrow::Cow;
use std::marker::PhantomData;

pub use fields::{contact, conversation, ticket};
use intercom_models::{
    FilterValue, GroupOperator, MultipleFilterSearchRequest, SearchOperator, SearchQuery, SearchRequest, SearchSort,
    SearchSortOrder, SingleFilterSearchRequest,
};

use crate::protocol::error::Error;

/// Groups nest at most this deep.
pub const MAX_DEPTH: usize = 2;
/// A group holds at most this many filters.
pub const MAX_GROUP: usize = 15;
/// A search page holds at most this many results.
pub const MAX_PER_PAGE: i64 = 150;

/// Text fields: equality, lists, contains, starts and ends with.
#[derive(Debug, Clone, Copy)]
pub struct Text;
/// Number and timestamp (Unix seconds) fields: equality, lists and comparisons.
#[derive(Debug, Clone, Copy)]
pub struct Number;
/// Boolean fields: equality.
#[derive(Debug, Clone, Copy)]
pub struct Boolean;

/// A searchable field whose values are of kind `K` ([`Text`], [`Number`] or [`Boolean`]).
#[derive(Debug, Clone)]
pub struct Field<K> {
    name: Cow<'static, str>,
    kind: PhantomData<K>,
}

impl<K> Field<K> {
    /// A field by its name in Intercom's search, e.g. `"email"` or `"custom_attributes.plan"`.
    pub const fn new(name: &'static str) -> Self {
        Self { name: Cow::Borrowed(name), kind: PhantomData }
    }

    /// A field whose name is known only at run time.
    pub fn named(name: impl Into<String>) -> Self {
        Self { name: Cow::Owned(name.into()), kind: PhantomData }
    }

    /// The field's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn filter(&self, operator: SearchOperator, value: FilterValue) -> Search {
        Search::filter(self.name.to_string(), operator, value)
    }
}

impl Field<Text> {
    /// Equals `value`.
    pub fn eq(&self, value: impl Into<String>) -> Search {
        self.filter(SearchOperator::Eq, FilterValue::String(value.into()))
    }
    /// Differs from `value`.
    pub fn ne(&self, value: impl Into<String>) -> Search {
        self.filter(SearchOperator::Ne, FilterValue::String(value.into()))
    }
    /// Is one of `values`.
    pub fn is_in<S: Into<String>>(&self, values: impl IntoIterator<Item = S>) -> Search {
        self.filter(SearchOperator::In, FilterValue::StringList(values.into_iter().map(Into::into).collect()))
    }
    /// Is none of `values`.
    pub fn not_in<S: Into<String>>(&self, values: impl IntoIterator<Item = S>) -> Search {
        self.filter(SearchOperator::Nin, FilterValue::StringList(values.into_iter().map(Into::into).collect()))
    }
    /// Contains `value`.
    pub fn contains(&self, value: impl Into<String>) -> Search {
        self.filter(SearchOperator::Contains, FilterValue::String(value.into()))
    }
    /// Does not contain `value`.
    pub fn not_contains(&self, value: impl Into<String>) -> Search {
        self.filter(SearchOperator::NotContains, FilterValue::String(value.into()))
    }
    /// Starts with `value`.
    pub fn starts_with(&self, value: impl Into<String>) -> Search {
        self.filter(SearchOperator::StartsWith, FilterValue::String(value.into()))
    }
    /// Ends with `value`.
    pub fn ends_with(&self, value: impl Into<String>) -> Search {
        self.filter(SearchOperator::EndsWith, FilterValue::String(value.into()))
    }
    /// Is empty (`= null`).
    pub fn is_empty(&self) -> Search {
        self.filter(SearchOperator::Eq, FilterValue::Other(serde_json::Value::Null))
    }
}

impl Field<Number> {
    /// Equals `value`.
    pub fn eq(&self, value: i64) -> Search {
        self.filter(SearchOperator::Eq, FilterValue::Integer(value))
    }
    /// Differs from `value`.
    pub fn ne(&self, value: i64) -> Search {
        self.filter(SearchOperator::Ne, FilterValue::Integer(value))
    }
    /// Is greater than `value`.
    pub fn gt(&self, value: i64) -> Search {
        self.filter(SearchOperator::Gt, FilterValue::Integer(value))
    }
    /// Is greater than or equal to `value`.
    pub fn ge(&self, value: i64) -> Search {
        self.filter(SearchOperator::Ge, FilterValue::Integer(value))
    }
    /// Is less than `value`.
    pub fn lt(&self, value: i64) -> Search {
        self.filter(SearchOperator::Lt, FilterValue::Integer(value))
    }
    /// Is less than or equal to `value`.
    pub fn le(&self, value: i64) -> Search {
        self.filter(SearchOperator::Le, FilterValue::Integer(value))
    }
    /// Is one of `values`.
    pub fn is_in(&self, values: impl IntoIterator<Item = i64>) -> Search {
        self.filter(SearchOperator::In, FilterValue::IntegerList(values.into_iter().collect()))
    }
    /// Is none of `values`.
    pub fn not_in(&self, values: impl IntoIterator<Item = i64>) -> Search {
        self.filter(SearchOperator::Nin, FilterValue::IntegerList(values.into_iter().collect()))
    }
}

impl Field<Boolean> {
    /// Equals `value`.
    pub fn eq(&self, value: bool) -> Search {
        self.filter(SearchOperator::Eq, FilterValue::Boolean(value))
    }
    /// Differs from `value`.
    pub fn ne(&self, value: bool) -> Search {
        self.filter(SearchOperator::Ne, FilterValue::Boolean(value))
    }
}

/// Sort order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Smallest first.
    Ascending,
    /// Largest first.
    Descending,
}

/// A search query: one filter or a group, with optional sorting and page size.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    query: SearchQuery,
    sort: Option<SearchSort>,
    per_page: Option<i64>,
}

impl Search {
    /// One filter, untyped: `field operator value`. Prefer the typed fields of [`contact`],
    /// [`conversation`] and [`ticket`].
    pub fn filter(field: impl Into<String>, operator: SearchOperator, value: FilterValue) -> Self {
        Self::of(SingleFilterSearchRequest::new(field, operator, value).into())
    }

    /// Every one of `filters` (AND).
    pub fn all(filters: impl IntoIterator<Item = Search>) -> Self {
        Self::group(GroupOperator::And, filters)
    }

    /// At least one of `filters` (OR).
    pub fn any(filters: impl IntoIterator<Item = Search>) -> Self {
        Self::group(GroupOperator::Or, filters)
    }

    fn group(operator: GroupOperator, filters: impl IntoIterator<Item = Search>) -> Self {
        let value: Vec<_> = filters.into_iter().map(|f| f.query).collect();
        Self::of(MultipleFilterSearchRequest::new(operator, value).into())
    }

    fn of(query: SearchQuery) -> Self {
        Self { query, sort: None, per_page: None }
    }

    /// Sorts the results by `field`.
    pub fn sort<K>(mut self, field: Field<K>, order: Order) -> Self {
        let order = match order {
            Order::Ascending => SearchSortOrder::Ascending,
            Order::Descending => SearchSortOrder::Descending,
        };
        self.sort = Some(SearchSort::new(field.name.into_owned()).order(order));
        self
    }

    /// Asks for `per_page` results per page: 1 to [`MAX_PER_PAGE`], checked by [`build`](Self::build).
    pub fn per_page(mut self, per_page: i64) -> Self {
        self.per_page = Some(per_page);
        self
    }

    /// The request body, once the query is checked against Intercom's limits.
    pub fn build(self) -> Result<SearchRequest, Error> {
        check(&self.query, 0)?;
        if let Some(per_page) = self.per_page.filter(|n| !(1..=MAX_PER_PAGE).contains(n)) {
            return Err(Error::invalid_request(format!(
                "a search page of {per_page} results; Intercom allows 1 to {MAX_PER_PAGE}"
            )));
        }
        let mut request = SearchRequest::new(self.query);
        request.sort = self.sort;
        if let Some(per_page) = self.per_page {
            request = request.per_page(per_page);
        }
        Ok(request)
    }
}

/// Checks a query `depth` groups deep.
fn check(query: &SearchQuery, depth: usize) -> Result<(), Error> {
    match query {
        SearchQuery::MultipleFilterSearchRequest(group) => {
            let depth = depth + 1;
            if depth > MAX_DEPTH {
                return Err(Error::invalid_request(format!(
                    "search groups nest {depth} deep; Intercom allows {MAX_DEPTH}"
                )));
            }
            if group.value.is_empty() || group.value.len() > MAX_GROUP {
                return Err(Error::invalid_request(format!(
                    "a search {} group holds {} filters; Intercom allows 1 to {MAX_GROUP}",
                    group.operator,
                    group.value.len()
                )));
            }
            group.value.iter().try_for_each(|inner| check(inner, depth))
        }
        SearchQuery::SingleFilterSearchRequest(filter) => {
            let is_list = matches!(filter.value, FilterValue::StringList(_) | FilterValue::IntegerList(_));
            let wants_list = matches!(filter.operator, SearchOperator::In | SearchOperator::Nin);
            if is_list != wants_list {
                let needs = if wants_list { "needs a list" } else { "takes one value, not a list" };
                return Err(Error::invalid_request(format!(
                    "search filter on `{}`: operator `{}` {needs}",
                    filter.field, filter.operator
                )));
            }
            Ok(())
        }
        // A shape this SDK does not model (`Other`, or a variant added later) is Intercom's to check.
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
