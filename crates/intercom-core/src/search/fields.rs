//! The searchable fields of contacts, conversations and tickets, typed by the kind of their values.

macro_rules! fields {
    ($($(#[$doc:meta])* $name:ident: $kind:ident = $field:literal;)+) => {$(
        $(#[$doc])*
        pub const $name: Field<$kind> = Field::new($field);
    )+};
}

/// Fields of contact search (`SearchContacts`).
pub mod contact {
    use crate::search::{Boolean, Field, Number, Text};

    fields! {
        /// Intercom's id.
        ID: Text = "id";
        /// Your id.
        EXTERNAL_ID: Text = "external_id";
        /// `user` or `lead`.
        ROLE: Text = "role";
        /// Name.
        NAME: Text = "name";
        /// Email address.
        EMAIL: Text = "email";
        /// Domain of the email address.
        EMAIL_DOMAIN: Text = "email_domain";
        /// Phone number.
        PHONE: Text = "phone";
        /// Owner (an admin id).
        OWNER_ID: Number = "owner_id";
        /// Created, in Unix seconds.
        CREATED_AT: Number = "created_at";
        /// Last updated, in Unix seconds.
        UPDATED_AT: Number = "updated_at";
        /// Signed up, in Unix seconds.
        SIGNED_UP_AT: Number = "signed_up_at";
        /// Last seen, in Unix seconds.
        LAST_SEEN_AT: Number = "last_seen_at";
        /// Last contacted, in Unix seconds.
        LAST_CONTACTED_AT: Number = "last_contacted_at";
        /// Last replied, in Unix seconds.
        LAST_REPLIED_AT: Number = "last_replied_at";
        /// Last opened an email, in Unix seconds.
        LAST_EMAIL_OPENED_AT: Number = "last_email_opened_at";
        /// Last clicked a link in an email, in Unix seconds.
        LAST_EMAIL_CLICKED_AT: Number = "last_email_clicked_at";
        /// Language chosen for the Messenger.
        LANGUAGE_OVERRIDE: Text = "language_override";
        /// Browser.
        BROWSER: Text = "browser";
        /// Browser language.
        BROWSER_LANGUAGE: Text = "browser_language";
        /// Operating system.
        OS: Text = "os";
        /// Country.
        COUNTRY: Text = "location.country";
        /// Region.
        REGION: Text = "location.region";
        /// City.
        CITY: Text = "location.city";
        /// Unsubscribed from email.
        UNSUBSCRIBED_FROM_EMAILS: Boolean = "unsubscribed_from_emails";
        /// Marked an email as spam.
        MARKED_EMAIL_AS_SPAM: Boolean = "marked_email_as_spam";
        /// Email hard-bounced.
        HAS_HARD_BOUNCED: Boolean = "has_hard_bounced";
        /// A tag applied to the contact.
        TAG_ID: Text = "tag_id";
        /// A segment the contact is in.
        SEGMENT_ID: Text = "segment_id";
    }

    /// A text custom attribute: `custom_attributes.<name>`.
    pub fn custom_text(name: &str) -> Field<Text> {
        Field::named(format!("custom_attributes.{name}"))
    }

    /// A number or date custom attribute.
    pub fn custom_number(name: &str) -> Field<Number> {
        Field::named(format!("custom_attributes.{name}"))
    }

    /// A boolean custom attribute.
    pub fn custom_boolean(name: &str) -> Field<Boolean> {
        Field::named(format!("custom_attributes.{name}"))
    }
}

/// Fields of conversation search (`SearchConversations`).
pub mod conversation {
    use crate::search::{Boolean, Field, Number, Text};

    fields! {
        /// The conversation's id.
        ID: Text = "id";
        /// Created, in Unix seconds.
        CREATED_AT: Number = "created_at";
        /// Last updated, in Unix seconds.
        UPDATED_AT: Number = "updated_at";
        /// How it started (`conversation`, `email`, ...).
        SOURCE_TYPE: Text = "source.type";
        /// How the first message was delivered.
        SOURCE_DELIVERED_AS: Text = "source.delivered_as";
        /// Subject of the first message.
        SOURCE_SUBJECT: Text = "source.subject";
        /// Body of the first message.
        SOURCE_BODY: Text = "source.body";
        /// Author of the first message.
        SOURCE_AUTHOR_ID: Text = "source.author.id";
        /// Email of that author.
        SOURCE_AUTHOR_EMAIL: Text = "source.author.email";
        /// A contact in the conversation.
        CONTACT_IDS: Text = "contact_ids";
        /// A teammate in the conversation.
        TEAMMATE_IDS: Text = "teammate_ids";
        /// The assigned admin.
        ADMIN_ASSIGNEE_ID: Number = "admin_assignee_id";
        /// The assigned team.
        TEAM_ASSIGNEE_ID: Number = "team_assignee_id";
        /// Open or not.
        OPEN: Boolean = "open";
        /// Read or not.
        READ: Boolean = "read";
        /// `open`, `closed` or `snoozed`.
        STATE: Text = "state";
        /// Waiting for a reply since, in Unix seconds.
        WAITING_SINCE: Number = "waiting_since";
        /// Snoozed until, in Unix seconds.
        SNOOZED_UNTIL: Number = "snoozed_until";
        /// A tag applied to it.
        TAG_IDS: Text = "tag_ids";
        /// `priority` or `not_priority`.
        PRIORITY: Text = "priority";
        /// The rating the contact gave.
        RATING: Number = "conversation_rating.score";
    }

    /// A text conversation attribute: `custom_attributes.<name>`.
    pub fn custom_text(name: &str) -> Field<Text> {
        Field::named(format!("custom_attributes.{name}"))
    }
}

/// Fields of ticket search (`SearchTickets`).
pub mod ticket {
    use crate::search::{Boolean, Field, Number, Text};

    fields! {
        /// The ticket's id.
        ID: Text = "id";
        /// Created, in Unix seconds.
        CREATED_AT: Number = "created_at";
        /// Last updated, in Unix seconds.
        UPDATED_AT: Number = "updated_at";
        /// Title.
        TITLE: Text = "_default_title_";
        /// Description.
        DESCRIPTION: Text = "_default_description_";
        /// `Customer`, `Back-office` or `Tracker`.
        CATEGORY: Text = "category";
        /// The ticket type.
        TICKET_TYPE_ID: Text = "ticket_type_id";
        /// A contact on the ticket.
        CONTACT_IDS: Text = "contact_ids";
        /// A teammate on the ticket.
        TEAMMATE_IDS: Text = "teammate_ids";
        /// The assigned admin.
        ADMIN_ASSIGNEE_ID: Text = "admin_assignee_id";
        /// The assigned team.
        TEAM_ASSIGNEE_ID: Text = "team_assignee_id";
        /// Open or not.
        OPEN: Boolean = "open";
        /// `submitted`, `in_progress`, `waiting_on_customer` or `resolved`.
        STATE: Text = "state";
        /// Snoozed until, in Unix seconds.
        SNOOZED_UNTIL: Number = "snoozed_until";
    }

    /// A text ticket attribute, by its id: `ticket_attribute.<id>`.
    pub fn attribute_text(id: &str) -> Field<Text> {
        Field::named(format!("ticket_attribute.{id}"))
    }
}
