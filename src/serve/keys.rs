//! The server's keys and codes: its host key (made once, kept in the class
//! directory), the class code, the participants' public keys, and the SSH
//! configuration that admits them.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use russh::keys::{HashAlg, PrivateKey, PublicKey};
use russh::{MethodKind, MethodSet};

use super::HOST_KEY_FILE;
use crate::safe_write::{Overwrite, write_private};

/// Loads the host key from the class directory, or makes one (ed25519) and
/// keeps it there. Returns the key and whether it was new.
pub fn host_key(dir: &Path) -> anyhow::Result<(PrivateKey, bool)> {
    let path = dir.join(HOST_KEY_FILE);
    if path.exists() {
        let key = russh::keys::load_secret_key(&path, None)
            .with_context(|| format!("cannot read the host key {}", path.display()))?;
        return Ok((key, false));
    }
    let key = PrivateKey::random(&mut rand::rng(), russh::keys::Algorithm::Ed25519)
        .map_err(|e| anyhow::anyhow!("cannot make a host key: {e}"))?;
    let text = key
        .to_openssh(russh::keys::ssh_key::LineEnding::LF)
        .map_err(|e| anyhow::anyhow!("cannot encode the host key: {e}"))?;
    write_private(&path, text.as_bytes(), Overwrite::Refuse)
        .with_context(|| format!("cannot write the host key {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    }
    Ok((key, true))
}

/// The SHA256 fingerprint of a host key, as `ssh` shows it.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// The letters and digits of a class code: none that can be confused
/// (no `i`, `l`, `o`, `0`, `1`).
pub const CODE_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// The length of a random class code, and the least a `--code` should
/// have: 31^8, about 2^40 codes, out of reach of the guesses a laptop
/// answers in a class (a few hundred a second); 6 letters were about 2^30.
pub const CODE_LEN: usize = 8;

/// A random class code of [`CODE_LEN`] characters of [`CODE_ALPHABET`].
pub fn random_code() -> String {
    use rand::RngExt;
    const ALPHABET: &[u8] = CODE_ALPHABET;
    let mut rng = rand::rng();
    (0..CODE_LEN)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// A warning for a `--code` a passer-by could guess: shorter than
/// [`CODE_LEN`] or a single word of letters.
pub fn weak_code(code: &str) -> Option<String> {
    let short = code.chars().count() < CODE_LEN;
    let word = code.chars().all(|c| c.is_ascii_alphabetic());
    (short || word).then(|| {
        crate::i18n::trf(
            "warning: the class code `{}` is easy to guess (a short code or a single word falls to a dictionary in minutes); use {} or more letters and digits, or leave --code out for a random one",
            &[&code, &CODE_LEN],
        )
    })
}

/// A public key of `--authorized-keys`, and the team its line names.
#[derive(Debug, Clone)]
pub struct AuthorizedKey {
    /// The key.
    pub key: PublicKey,
    /// `team="NAME"` in the line's options: the key plays that team only
    /// (else the first team it joins).
    pub team: Option<String>,
}

/// Splits an authorized_keys line's options (`no-pty,command="a b"`) at
/// the commas outside quotes.
fn options(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Reads the public keys of an authorized_keys file. Options are honoured
/// or refused: `team="NAME"` binds the key to a team; `restrict`,
/// `no-port-forwarding`, `no-agent-forwarding`, `no-X11-forwarding` and
/// `no-user-rc` are what the server does anyway; anything else (`no-pty`,
/// `command=`, `from=`, `environment=`, ...) cannot be honoured by a server
/// that runs only the app in a terminal, so the file is refused, naming
/// the line.
pub fn read_authorized_keys(path: &Path) -> anyhow::Result<Vec<AuthorizedKey>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut keys = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let start = ["ssh-", "ecdsa-", "sk-"]
            .iter()
            .filter_map(|t| line.find(t))
            .min()
            .unwrap_or(0);
        let mut team = None;
        for opt in options(line[..start].trim()) {
            let (name, value) = opt.split_once('=').unwrap_or((opt.as_str(), ""));
            let value = value.trim_matches('"');
            match name.to_ascii_lowercase().as_str() {
                "team" if !value.trim().is_empty() => team = Some(value.trim().to_string()),
                "restrict"
                | "no-port-forwarding"
                | "no-agent-forwarding"
                | "no-x11-forwarding"
                | "no-user-rc" => {}
                other => anyhow::bail!(
                    "{}:{}:1: option `{other}` cannot be honoured: flywheel serve runs only the app in a terminal; remove it, or use team=\"NAME\" to bind the key to a team",
                    path.display(),
                    i + 1
                ),
            }
        }
        let key = PublicKey::from_openssh(&line[start..]).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}:{}: not a public key ({e}); each line is like `ssh-ed25519 AAAA... name`",
                path.display(),
                i + 1,
                start + 1
            )
        })?;
        keys.push(AuthorizedKey { key, team });
    }
    if keys.is_empty() {
        anyhow::bail!("{}: no public keys in the file", path.display());
    }
    Ok(keys)
}

/// The russh configuration of the server.
pub(super) fn ssh_config(
    key: PrivateKey,
    with_code: bool,
    with_keys: bool,
) -> russh::server::Config {
    let mut methods = MethodSet::empty();
    if with_code {
        methods.push(MethodKind::Password);
        methods.push(MethodKind::KeyboardInteractive);
    }
    if with_keys {
        methods.push(MethodKind::PublicKey);
    }
    russh::server::Config {
        methods,
        auth_rejection_time: Duration::from_secs(1),
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key],
        // Idle and authentication limits are the server's own; keepalives
        // find connections whose peer has gone.
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 3,
        max_auth_attempts: 20,
        // Bounded input: a small receive window and few buffered messages.
        window_size: 64 * 1024,
        channel_buffer_size: 16,
        nodelay: true,
        // Cheap key exchanges only: an elliptic-curve handshake costs the
        // server well under a millisecond, where a finite-field group (a
        // stranger's `-o KexAlgorithms=diffie-hellman-group18-sha512`)
        // cost 600 ms of a worker thread each.
        preferred: russh::Preferred {
            kex: std::borrow::Cow::Borrowed(CHEAP_KEX),
            ..russh::Preferred::DEFAULT
        },
        ..Default::default()
    }
}

/// The key exchanges the server offers: hybrid post-quantum and X25519,
/// with the extension markers; no finite-field Diffie-Hellman.
pub(super) const CHEAP_KEX: &[russh::kex::Name] = &[
    russh::kex::MLKEM768X25519_SHA256,
    russh::kex::CURVE25519,
    russh::kex::CURVE25519_PRE_RFC_8731,
    russh::kex::EXTENSION_SUPPORT_AS_CLIENT,
    russh::kex::EXTENSION_SUPPORT_AS_SERVER,
    russh::kex::EXTENSION_OPENSSH_STRICT_KEX_AS_CLIENT,
    russh::kex::EXTENSION_OPENSSH_STRICT_KEX_AS_SERVER,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_random_code_is_long_and_unambiguous() {
        for _ in 0..50 {
            let c = random_code();
            assert_eq!(c.len(), CODE_LEN);
            assert!(c.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{c}");
            assert!(weak_code(&c).is_none() || c.chars().all(|c| c.is_ascii_alphabetic()));
        }
        for c in b"ilo01" {
            assert!(!CODE_ALPHABET.contains(c));
        }
    }

    #[test]
    fn a_short_or_dictionary_code_is_warned_about() {
        let said = crate::i18n::with_lang(crate::i18n::Lang::En, || weak_code("coffee"));
        assert!(
            said.unwrap()
                .contains("the class code `coffee` is easy to guess")
        );
        assert!(weak_code("espresso").is_some(), "a single word");
        assert!(weak_code("tea-time").is_none());
        assert!(weak_code("k7m2q9xa").is_none());
    }
}
