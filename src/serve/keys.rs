//! The server's keys and codes: its host key (made once, kept in the class
//! directory), the class code, the participants' public keys, and the SSH
//! configuration that admits them.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use russh::keys::{HashAlg, PrivateKey, PublicKey};
use russh::{MethodKind, MethodSet};

use super::HOST_KEY_FILE;
use crate::safe_write::{Overwrite, write_atomic};

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
    write_atomic(&path, text.as_bytes(), Overwrite::Refuse)
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

/// A short random class code (letters and digits that cannot be confused).
pub fn random_code() -> String {
    use rand::RngExt;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..6)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Reads the public keys of an authorized_keys file.
pub fn read_authorized_keys(path: &Path) -> anyhow::Result<Vec<PublicKey>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut keys = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // Options before the key type (`no-pty ssh-ed25519 ...`) are skipped.
        let start = line
            .find("ssh-")
            .or_else(|| line.find("ecdsa-"))
            .or_else(|| line.find("sk-"))
            .unwrap_or(0);
        let key = PublicKey::from_openssh(&line[start..]).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}:{}: not a public key ({e}); each line is like `ssh-ed25519 AAAA... name`",
                path.display(),
                i + 1,
                start + 1
            )
        })?;
        keys.push(key);
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
        ..Default::default()
    }
}
