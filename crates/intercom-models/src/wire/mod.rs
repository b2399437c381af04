//! How the generated types read and write their JSON members.
//!
//! Every generated struct keeps what it has no field for in its [`Extra`](crate::Extra), with the JSON its
//! own members were sent as where the typed value would write something else. The types implement
//! [`Members`]; [`read`] and [`Writer`] do the rest, once for all of them.

mod forms;
mod reader;
mod writer;

#[allow(unused_imports)]
pub(crate) use forms::{
    Collection, Form, Id, IntId, IntList, IntegerId, JsonObject, Maybe, MaybeId, MaybeInt, MaybeIntId, MaybeIntegerId,
    MaybeJsonObject, MaybeNumber, NullableId, NullableIntId, Plain,
};
pub(crate) use reader::{items, read, value, Members};
pub(crate) use writer::{as_bare_list, Empty, Writer};
