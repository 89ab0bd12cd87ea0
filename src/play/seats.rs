//! Two seats at one game (`flywheel serve --roles`): the product seat
//! decides R&D, the sales seat decides the sales budget and the price, and
//! what neither owns (the feedback capture and latency, any other decision)
//! one seat proposes and the other accepts. A turn plays when both seats
//! have pressed `a`. Sales can send product a message; it travels through
//! the team's feedback latency, as what the front line hears does, and
//! product reads it when it arrives. One person may take both seats, as in
//! a startup: then nothing waits for anyone.

use crate::model::{ParamId, ParamSpec, Section};

/// A seat at a team's game.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// R&D: product strength, insight, the feedback that arrived.
    Product,
    /// The sales budget and the price: leads, conversion, lost customers.
    Sales,
}

impl Role {
    /// The seat named in a user name's suffix (`team-a/product`).
    pub fn parse(word: &str) -> Option<Role> {
        match word.trim().to_ascii_lowercase().as_str() {
            "product" | "p" => Some(Role::Product),
            "sales" | "s" => Some(Role::Sales),
            _ => None,
        }
    }

    /// The seat's name, in English (`product`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Product => "product",
            Role::Sales => "sales",
        }
    }

    /// The seat's name in the interface's language.
    pub fn label(self) -> &'static str {
        match self {
            Role::Product => crate::i18n::trc("seat", "product"),
            Role::Sales => crate::i18n::trc("seat", "sales"),
        }
    }

    /// The other seat.
    pub fn other(self) -> Role {
        match self {
            Role::Product => Role::Sales,
            Role::Sales => Role::Product,
        }
    }
}

/// The seat that owns a decision; `None` for one both share (the feedback
/// capture and latency, and any decision of another section).
pub fn owner(id: ParamId) -> Option<Role> {
    match ParamSpec::of(id).section {
        Section::Product => Some(Role::Product),
        Section::Sales | Section::Pricing => Some(Role::Sales),
        _ => None,
    }
}

/// A team name and the seat a user name asks for: `team-a/sales` is the
/// sales seat of `team-a`; a name without a seat takes both.
pub fn split_user(user: &str) -> (&str, Option<Role>) {
    match user.rsplit_once('/') {
        Some((team, seat)) if !team.trim().is_empty() => match Role::parse(seat) {
            Some(role) => (team, Some(role)),
            None => (user, None),
        },
        _ => (user, None),
    }
}

/// A message from sales to product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The period it was sent.
    pub sent: u32,
    /// The period product reads it: sent plus the feedback latency then.
    pub arrives: u32,
    /// What it says.
    pub text: String,
}

impl Message {
    /// A message sent at `sent` through a latency of `latency` periods.
    pub fn new(sent: u32, latency: f64, text: &str) -> Message {
        let delay = if latency.is_finite() && latency > 0.0 {
            latency.ceil().min(f64::from(u32::MAX / 2)) as u32
        } else {
            0
        };
        Message {
            sent,
            arrives: sent.saturating_add(delay),
            text: clean(text),
        }
    }

    /// Whether product has it by `period`.
    pub fn arrived(&self, period: u32) -> bool {
        self.arrives <= period
    }
}

/// A message's text as it may be shown on another screen: control and
/// invisible format characters (escape sequences, bidi overrides,
/// zero-width spaces, tags) removed, spaces collapsed, at most
/// [`MESSAGE_MAX`] characters.
pub fn clean(text: &str) -> String {
    let invisible = |c: char| {
        c.is_control()
            || matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xE0000..=0xE007F)
    };
    let kept: String = text.chars().filter(|c| !invisible(*c)).collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MESSAGE_MAX)
        .collect()
}

/// The longest message, in characters.
pub const MESSAGE_MAX: usize = 160;

/// The seats' side of a team's game.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Seats {
    /// Whether the team plays in two seats (someone joined as a seat).
    pub split: bool,
    /// The seats that pressed `a` this turn.
    pub ready: Vec<Role>,
    /// Shared decisions changed this turn, and the seat that proposed each.
    pub proposals: Vec<(ParamId, Role)>,
    /// The proposals the other seat accepted.
    pub accepted: Vec<ParamId>,
    /// Every message sales sent.
    pub messages: Vec<Message>,
}

impl Seats {
    /// `role` pressed `a`: true when the turn plays (both seats ready, or
    /// one person in both).
    pub fn ready(&mut self, role: Option<Role>) -> bool {
        match role {
            Some(r) if self.split => {
                if !self.ready.contains(&r) {
                    self.ready.push(r);
                }
                self.ready.contains(&r.other())
            }
            _ => true,
        }
    }

    /// `role` changed a shared decision: a proposal, until the other accepts.
    pub fn propose(&mut self, id: ParamId, role: Role) {
        self.accepted.retain(|a| *a != id);
        self.proposals.retain(|(p, _)| *p != id);
        self.proposals.push((id, role));
    }

    /// `role` accepts what the other seat proposed; the decisions accepted.
    pub fn accept(&mut self, role: Role) -> Vec<ParamId> {
        let theirs: Vec<ParamId> = self
            .proposals
            .iter()
            .filter(|(_, by)| *by != role)
            .map(|(id, _)| *id)
            .collect();
        self.proposals.retain(|(_, by)| *by == role);
        self.accepted.extend(theirs.iter().copied());
        theirs
    }

    /// The proposals still waiting for the other seat (dropped if the turn
    /// plays before it accepts).
    pub fn waiting(&self) -> Vec<(ParamId, Role)> {
        self.proposals.clone()
    }

    /// A new turn: nobody ready, nothing proposed.
    pub fn new_turn(&mut self) {
        self.ready.clear();
        self.proposals.clear();
        self.accepted.clear();
    }

    /// The messages product has read by `period`, newest first.
    pub fn arrived(&self, period: u32) -> impl Iterator<Item = &Message> {
        self.messages
            .iter()
            .rev()
            .filter(move |m| m.arrived(period))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_name_names_a_seat_or_takes_both() {
        assert_eq!(
            split_user("team-a/product"),
            ("team-a", Some(Role::Product))
        );
        assert_eq!(split_user("Team A/Sales"), ("Team A", Some(Role::Sales)));
        assert_eq!(split_user("team-a"), ("team-a", None));
        assert_eq!(split_user("a/b"), ("a/b", None));
        assert_eq!(split_user("/sales"), ("/sales", None));
    }

    #[test]
    fn each_seat_owns_its_levers_and_shares_feedback() {
        assert_eq!(owner(ParamId::RdShare), Some(Role::Product));
        assert_eq!(owner(ParamId::RdBase), Some(Role::Product));
        assert_eq!(owner(ParamId::SalesShare), Some(Role::Sales));
        assert_eq!(owner(ParamId::Price), Some(Role::Sales));
        assert_eq!(owner(ParamId::Capture), None);
        assert_eq!(owner(ParamId::Latency), None);
    }

    #[test]
    fn a_turn_waits_for_both_seats_and_a_proposal_for_the_other() {
        let mut s = Seats {
            split: true,
            ..Seats::default()
        };
        assert!(!s.ready(Some(Role::Product)), "sales has not played");
        assert!(s.ready(Some(Role::Sales)));
        s.new_turn();
        s.propose(ParamId::Capture, Role::Sales);
        assert_eq!(
            s.accept(Role::Sales),
            vec![],
            "a seat cannot accept its own"
        );
        assert_eq!(s.waiting(), vec![(ParamId::Capture, Role::Sales)]);
        assert_eq!(s.accept(Role::Product), vec![ParamId::Capture]);
        assert!(s.waiting().is_empty());
        // One person in both seats waits for nobody.
        let mut one = Seats::default();
        assert!(one.ready(None) && one.ready(Some(Role::Product)));
    }

    #[test]
    fn a_message_arrives_after_the_latency() {
        let m = Message::new(13, 25.5, "customers ask for an API");
        assert_eq!(m.arrives, 39);
        assert!(!m.arrived(38) && m.arrived(39));
        assert_eq!(Message::new(13, 0.0, "x").arrives, 13);
        assert_eq!(
            Message::new(0, 1.0, "\u{1b}]52;c;x\u{7}hi\u{202e} there\u{200b}").text,
            "]52;c;xhi there"
        );
        let s = Seats {
            messages: vec![m.clone(), Message::new(26, 4.0, "price too high")],
            ..Seats::default()
        };
        let read: Vec<&str> = s.arrived(39).map(|m| m.text.as_str()).collect();
        assert_eq!(read, ["price too high", "customers ask for an API"]);
        assert_eq!(s.arrived(30).count(), 1);
    }
}
