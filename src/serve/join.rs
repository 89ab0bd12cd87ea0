//! Joining a team over the channel: at once for a new team (or a public
//! key bound to it), after the team's PIN at a prompt for another laptop
//! (see [`super::pin`]).

use std::sync::Arc;
use std::time::Duration;

use russh::server::Msg;
use russh::{Channel, ChannelMsg};
use tokio::time::Instant;

use super::class::{Pass, Refusal, Team, display_name};
use super::link::{LAST_WORDS, MAX_READ, Shared, goodbye};
use super::pin::{MAX_PIN_TRIES, PinKey};
use crate::i18n::{Lang, tr, trf, with_lang};

/// The public key a connection logged in with: its fingerprint and the
/// team its line in `--authorized-keys` names.
#[derive(Debug, Clone)]
pub struct KeyPass {
    /// The key's SHA-256 fingerprint.
    pub fingerprint: String,
    /// `team="..."` in the key's line.
    pub team: Option<String>,
}

/// How long a participant has to type a team's PIN.
const PIN_WAIT: Duration = Duration::from_secs(90);

/// Joins the team: at once for a new team (or a key bound to it), after
/// the team's PIN for another laptop ([`MAX_PIN_TRIES`] tries, a second
/// apart). `None` when the connection is over (refused, left, timed out).
pub(super) async fn join(
    shared: &Shared,
    user: &str,
    peer: &str,
    key: Option<KeyPass>,
    channel: &mut Channel<Msg>,
    lang: Lang,
) -> Option<Arc<Team>> {
    let class = &shared.class;
    let mut typed: Option<String> = None;
    let mut tries = 0;
    loop {
        let pass = match (&typed, &key) {
            (Some(pin), _) => Pass::Pin(pin),
            (None, Some(k)) => Pass::Key {
                fingerprint: &k.fingerprint,
                team: k.team.as_deref(),
            },
            (None, None) => Pass::Code,
        };
        let refusal = match class.join(user, peer, pass) {
            Ok(team) => return Some(team),
            Err(r) => r,
        };
        let ask = match refusal {
            Refusal::NeedPin => {
                let name = class
                    .team(&class.stem_of(user))
                    .map_or_else(|| display_name(user), |t| t.name.clone());
                with_lang(lang, || {
                    trf(
                        "{} is already playing. Type the team PIN (at the top right of its screen; the facilitator has it too), then Enter: ",
                        &[&name],
                    )
                })
            }
            Refusal::WrongPin => {
                tries += 1;
                if tries >= MAX_PIN_TRIES {
                    let text =
                        with_lang(lang, || tr("Wrong team PIN. Ask the facilitator for it."));
                    goodbye(channel, &format!("\r\n{text}"), 1).await;
                    return None;
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
                with_lang(lang, || {
                    trf(
                        "Wrong PIN (try {}/{}). Team PIN: ",
                        &[&tries, &MAX_PIN_TRIES],
                    )
                })
            }
            other => {
                goodbye(channel, &format!("flywheel: {other}"), 1).await;
                return None;
            }
        };
        match read_pin(channel, &ask).await {
            Some(pin) => typed = Some(pin),
            None => {
                goodbye(channel, "", 1).await;
                return None;
            }
        }
    }
}

/// Asks for a PIN on the raw terminal (digits echoed as `*`); `None` when
/// the participant leaves or waits past [`PIN_WAIT`].
async fn read_pin(channel: &mut Channel<Msg>, ask: &str) -> Option<String> {
    let deadline = Instant::now() + PIN_WAIT;
    let prompt = format!("\r\n{ask}").into_bytes();
    let _ = tokio::time::timeout(LAST_WORDS, channel.data_bytes(prompt)).await;
    let mut line = super::pin::PinLine::default();
    loop {
        let msg = tokio::time::timeout_at(deadline, channel.wait())
            .await
            .ok()??;
        let ChannelMsg::Data { data } = msg else {
            if matches!(msg, ChannelMsg::Close | ChannelMsg::Eof) {
                return None;
            }
            continue;
        };
        let mut echo = Vec::new();
        for key in line.feed(&data[..data.len().min(MAX_READ)]) {
            match key {
                PinKey::Echo => echo.push(b'*'),
                PinKey::Erase => echo.extend_from_slice(b"\x08 \x08"),
                PinKey::Done(pin) => {
                    echo.extend_from_slice(b"\r\n");
                    let _ = tokio::time::timeout(LAST_WORDS, channel.data_bytes(echo)).await;
                    return Some(pin);
                }
                PinKey::Quit => return None,
                PinKey::Ignored => {}
            }
        }
        if !echo.is_empty() {
            let _ = tokio::time::timeout(LAST_WORDS, channel.data_bytes(echo)).await;
        }
    }
}
