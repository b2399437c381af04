//! Admins: `GET /me`, `GET /admins`, `GET /admins/{admin_id}`.

use intercom_models::{Admin, AdminList, AdminWithApp};

use crate::endpoint::{path_param, Endpoint, Json};
use crate::error::Error;
use crate::operations::{self, Operation};

/// The admin who owns the access token, and their workspace (`identifyAdmin`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdentifyAdmin;

impl IdentifyAdmin {
    /// The request.
    pub fn new() -> Self {
        Self
    }
}

impl Endpoint for IdentifyAdmin {
    type Output = AdminWithApp;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::IDENTIFY_ADMIN
    }

    fn path(&self) -> Result<String, Error> {
        Ok("/me".to_owned())
    }
}

/// Every admin of the workspace (`listAdmins`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListAdmins;

impl ListAdmins {
    /// The request.
    pub fn new() -> Self {
        Self
    }
}

impl Endpoint for ListAdmins {
    type Output = AdminList;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::LIST_ADMINS
    }

    fn path(&self) -> Result<String, Error> {
        Ok("/admins".to_owned())
    }
}

/// One admin, by id (`retrieveAdmin`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrieveAdmin {
    /// The admin's id.
    pub admin_id: String,
}

impl RetrieveAdmin {
    /// The admin with id `admin_id`.
    pub fn new(admin_id: impl Into<String>) -> Self {
        Self { admin_id: admin_id.into() }
    }
}

impl Endpoint for RetrieveAdmin {
    type Output = Admin;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::RETRIEVE_ADMIN
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!("/admins/{}", path_param("admin_id", &self.admin_id)?))
    }
}

sendable!(IdentifyAdmin, ListAdmins, RetrieveAdmin);
