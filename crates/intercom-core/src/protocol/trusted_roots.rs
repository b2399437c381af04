//! Which certificate authorities the transports trust for TLS. Core holds the certificates as bytes; each
//! transport hands them to its TLS library.

use std::fmt;
use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;

use crate::protocol::error::Error;

/// The certificate authorities a client trusts: the built-in Mozilla set (webpki roots) unless turned off,
/// plus any added with [`Config::with_root_certificate`](crate::Config::with_root_certificate) (a
/// corporate proxy's authority, a test server's self-signed certificate). Cheap to clone; its `Debug` shows
/// counts, not bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct TrustedRoots {
    builtin: bool,
    added: Arc<Vec<Vec<u8>>>,
}

impl Default for TrustedRoots {
    /// The built-in roots and nothing else.
    fn default() -> Self {
        Self { builtin: true, added: Arc::default() }
    }
}

impl fmt::Debug for TrustedRoots {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TrustedRoots").field("builtin", &self.builtin).field("added", &self.added.len()).finish()
    }
}

impl TrustedRoots {
    /// Whether the built-in Mozilla roots are trusted.
    pub fn builtin(&self) -> bool {
        self.builtin
    }

    /// The added certificates, DER-encoded, in the order they were added.
    pub fn added(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.added.iter().map(Vec::as_slice)
    }

    /// Whether these are the built-in roots alone, so a transport may use its stock TLS setup.
    pub fn is_default(&self) -> bool {
        self.builtin && self.added.is_empty()
    }

    pub(crate) fn with_builtin(mut self, builtin: bool) -> Self {
        self.builtin = builtin;
        self
    }

    pub(crate) fn with_der(mut self, der: Vec<u8>) -> Self {
        Arc::make_mut(&mut self.added).push(der);
        self
    }

    /// Adds every `CERTIFICATE` block of `pem`; other blocks (keys) are skipped. No certificate, or a block
    /// that does not decode, is an error that says so.
    pub(crate) fn with_pem(mut self, pem: &[u8]) -> Result<Self, Error> {
        let mut found = 0;
        for certificate in CertificateDer::pem_slice_iter(pem) {
            let certificate = certificate.map_err(|e| {
                Error::configuration(format!("root certificate PEM: certificate {} is not valid: {e}", found + 1))
            })?;
            self = self.with_der(certificate.as_ref().to_vec());
            found += 1;
        }
        if found == 0 {
            return Err(Error::configuration("root certificate PEM holds no `BEGIN CERTIFICATE` block"));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Not a real certificate: PEM only wraps bytes, and core never parses X.509.
    const PEM: &[u8] = b"-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n\
        -----BEGIN PRIVATE KEY-----\nBAUG\n-----END PRIVATE KEY-----\n\
        -----BEGIN CERTIFICATE-----\nBwgJ\n-----END CERTIFICATE-----\n";

    #[test]
    fn pem_adds_each_certificate_block_and_skips_keys() {
        let roots = TrustedRoots::default().with_pem(PEM).unwrap();
        assert_eq!(roots.added().collect::<Vec<_>>(), [&[1u8, 2, 3][..], &[7, 8, 9]]);
        assert!(roots.builtin());
        assert!(!roots.is_default());
        assert_eq!(format!("{roots:?}"), "TrustedRoots { builtin: true, added: 2 }");
    }

    #[test]
    fn pem_without_a_certificate_is_an_error() {
        let error = TrustedRoots::default().with_pem(b"not pem at all").unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot configure the client: root certificate PEM holds no `BEGIN CERTIFICATE` block"
        );
        let broken = b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
        let error = TrustedRoots::default().with_pem(broken).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("cannot configure the client: root certificate PEM: certificate 1 is not valid"));
    }
}
