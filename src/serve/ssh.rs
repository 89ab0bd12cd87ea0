//! The SSH side: authentication with the class code (or a public key), the
//! refusal of everything but a terminal, and one task per connection that
//! hands the channel to the connection's session (`serve/session.rs`: the
//! [`drive`](crate::tui::drive::drive) loop over the channel).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, Session};
use russh::{Channel, ChannelId, MethodKind, MethodSet};

use super::class::display_name;
pub use super::link::{Limits, Link, MAX_EVENTS_PER_READ, MAX_READ, Shared};

/// Wrong class codes allowed on one connection.
pub const MAX_CODE_TRIES: u32 = 3;

/// One connection's handler.
pub struct Conn {
    shared: Arc<Shared>,
    peer: String,
    ip: Option<std::net::IpAddr>,
    user: Option<String>,
    tries: u32,
    /// The public key it logged in with.
    key: Option<super::join::KeyPass>,
    /// What the connection's tasks share (joined, kill).
    pub link: Arc<Link>,
    session_open: bool,
}

impl Conn {
    /// A handler for a connection from `peer`.
    pub fn new(shared: Arc<Shared>, peer: Option<SocketAddr>, link: Arc<Link>) -> Self {
        Conn {
            shared,
            peer: peer.map_or_else(|| "?".into(), |p| p.to_string()),
            ip: peer.map(|p| p.ip()),
            user: None,
            tries: 0,
            key: None,
            link,
            session_open: false,
        }
    }

    fn refuse(&self, reason: &str) {
        let who = match &self.user {
            Some(u) => format!("{} from {}", display_name(u), self.peer),
            None => self.peer.clone(),
        };
        // What the client asked for is its own text: cleaned like a name.
        self.shared
            .refused(self.ip, who, super::roster::clean(reason, 120));
    }

    fn methods(&self) -> MethodSet {
        let mut m = MethodSet::empty();
        if self.shared.code.is_some() {
            m.push(MethodKind::Password);
            m.push(MethodKind::KeyboardInteractive);
        }
        if !self.shared.keys.is_empty() {
            m.push(MethodKind::PublicKey);
        }
        m
    }

    fn reject(&self) -> Auth {
        Auth::Reject {
            proceed_with_methods: Some(self.methods()),
            partial_success: false,
        }
    }

    /// Lets a public key in when it is one of `--authorized-keys`
    /// (remembered: it plays its own team only).
    fn check_key(&mut self, user: &str, key: &PublicKey, verified: bool) -> Auth {
        self.user = Some(user.to_string());
        match self
            .shared
            .keys
            .iter()
            .find(|k| k.key.key_data() == key.key_data())
        {
            Some(k) => {
                if verified {
                    self.key = Some(super::join::KeyPass {
                        fingerprint: key.fingerprint(russh::keys::HashAlg::Sha256).to_string(),
                        team: k.team.clone(),
                    });
                }
                Auth::Accept
            }
            None => self.reject(),
        }
    }

    /// Checks a typed code; after [`MAX_CODE_TRIES`] wrong ones the connection ends.
    fn check_code(&mut self, user: &str, code: &str) -> Result<Auth, russh::Error> {
        self.user = Some(user.to_string());
        let Some(expected) = &self.shared.code else {
            self.refuse("a password, but only public keys get in");
            return Ok(self.reject());
        };
        if code.trim() == expected {
            return Ok(Auth::Accept);
        }
        self.tries += 1;
        self.refuse(&format!(
            "wrong class code (try {}/{MAX_CODE_TRIES})",
            self.tries
        ));
        if self.tries >= MAX_CODE_TRIES {
            return Err(russh::Error::Disconnect);
        }
        Ok(self.reject())
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        self.user = Some(user.to_string());
        Ok(self.reject())
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        self.check_code(user, password)
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        let answer = response.and_then(|mut r| r.next());
        match answer {
            None => Ok(Auth::Partial {
                name: "flywheel".into(),
                instructions: "The class code is on the facilitator's screen.".into(),
                prompts: vec![("Class code (password): ".into(), false)].into(),
            }),
            Some(bytes) => {
                let code = String::from_utf8_lossy(&bytes).into_owned();
                self.check_code(user, &code)
            }
        }
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(self.check_key(user, offer.public_key, false))
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(self.check_key(user, key.public_key, true))
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.session_open {
            self.refuse("a second session on one connection");
            drop(reply);
            return Ok(());
        }
        self.session_open = true;
        reply.accept().await;
        let shared = Arc::clone(&self.shared);
        let user = self.user.clone().unwrap_or_default();
        let peer = self.peer.clone();
        let link = Arc::clone(&self.link);
        let key = self.key.clone();
        let handle = session.handle();
        tokio::spawn(async move {
            super::session::run_channel(shared, user, peer, channel, Arc::clone(&link), key).await;
            // Whatever happened, the connection ends with the channel (after
            // a moment, so the last words reach the client first); a
            // session that cannot even say goodbye is dropped.
            tokio::time::sleep(Duration::from_millis(300)).await;
            let bye = handle.disconnect(russh::Disconnect::ByApplication, "bye".into(), "".into());
            let _ = tokio::time::timeout(Duration::from_secs(1), bye).await;
            link.kill.notify_one();
        });
        Ok(())
    }

    async fn channel_open_x11(
        &mut self,
        _channel: Channel<Msg>,
        _originator_address: &str,
        _originator_port: u32,
        _reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse("X11 channel");
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        host: &str,
        port: u32,
        _originator_address: &str,
        _originator_port: u32,
        _reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(&format!("port forwarding to {host}:{port}"));
        Ok(())
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _channel: Channel<Msg>,
        socket_path: &str,
        _reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(&format!("socket forwarding to {socket_path}"));
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        _col_width: u32,
        _row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let cmd = super::roster::clean(&String::from_utf8_lossy(data), 60);
        self.refuse(&format!("command `{cmd}` (no commands are run)"));
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(&format!("subsystem {name}"));
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse("X11 forwarding");
        session.channel_failure(channel)
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refuse("agent forwarding");
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        address: &str,
        port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refuse(&format!("remote port forwarding from {address}:{port}"));
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        socket_path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refuse(&format!("remote socket forwarding from {socket_path}"));
        Ok(false)
    }
}
