//! Notes: list and create a contact's notes, retrieve one note.

use intercom_models::{CreateNoteRequest, Note, NoteList};

use crate::endpoint::{json_body, path_param, Endpoint, Json};
use crate::error::Error;
use crate::operations::{self, Operation};

/// A page of a contact's notes, newest first (`listNotes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListNotes {
    /// Intercom's id of the contact.
    pub contact_id: String,
    /// The page number, from 1.
    pub page: Option<u32>,
    /// Notes per page.
    pub per_page: Option<u32>,
}

impl ListNotes {
    /// The first page of contact `contact_id`'s notes.
    pub fn new(contact_id: impl Into<String>) -> Self {
        Self { contact_id: contact_id.into(), page: None, per_page: None }
    }

    /// Asks for page `page` (from 1).
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Asks for `per_page` notes per page.
    pub fn per_page(mut self, per_page: u32) -> Self {
        self.per_page = Some(per_page);
        self
    }
}

impl Endpoint for ListNotes {
    type Output = NoteList;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::LIST_NOTES
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!("/contacts/{}/notes", path_param("contact_id", &self.contact_id)?))
    }

    fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::new();
        if let Some(page) = self.page {
            query.push(("page", page.to_string()));
        }
        if let Some(per_page) = self.per_page {
            query.push(("per_page", per_page.to_string()));
        }
        query
    }
}

/// Adds a note to a contact (`createNote`).
#[derive(Debug, Clone, PartialEq)]
pub struct CreateNote {
    /// Intercom's id of the contact.
    pub contact_id: String,
    /// The note.
    pub body: CreateNoteRequest,
}

impl CreateNote {
    /// A note with text `body` on contact `contact_id`, written as the token's owner.
    pub fn new(contact_id: impl Into<String>, body: impl Into<String>) -> Self {
        Self { contact_id: contact_id.into(), body: CreateNoteRequest::new(body) }
    }

    /// Shows admin `admin_id` as the author.
    pub fn admin_id(mut self, admin_id: impl Into<String>) -> Self {
        self.body.admin_id = Some(admin_id.into());
        self
    }
}

impl Endpoint for CreateNote {
    type Output = Note;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::CREATE_NOTE
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!("/contacts/{}/notes", path_param("contact_id", &self.contact_id)?))
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        json_body(&self.body)
    }
}

/// One note, by id (`retrieveNote`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrieveNote {
    /// The note's id.
    pub note_id: String,
}

impl RetrieveNote {
    /// The note with id `note_id`.
    pub fn new(note_id: impl Into<String>) -> Self {
        Self { note_id: note_id.into() }
    }
}

impl Endpoint for RetrieveNote {
    type Output = Note;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::RETRIEVE_NOTE
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!("/notes/{}", path_param("note_id", &self.note_id)?))
    }
}

sendable!(ListNotes, CreateNote, RetrieveNote);
