//! The addresses a class can be joined at: this laptop's IPv4 addresses on
//! its network interfaces (up, not loopback), the private ones of a
//! classroom's network first, for the join screen and the banner.

use std::net::{IpAddr, Ipv4Addr, UdpSocket};

/// This laptop's addresses, best first; empty when none is found.
pub fn local_addresses() -> Vec<IpAddr> {
    let mut found = interfaces();
    if found.is_empty() {
        found.extend(routed());
    }
    rank(found)
}

/// The addresses in the order a room should try them: private (a classroom
/// or office network) before public, link-local last; no duplicates.
pub fn rank(mut found: Vec<IpAddr>) -> Vec<IpAddr> {
    let mut seen = std::collections::HashSet::new();
    found.retain(|a| !a.is_loopback() && !a.is_unspecified() && seen.insert(*a));
    found.sort_by_key(|a| match a {
        IpAddr::V4(v) if v.is_private() => 0,
        IpAddr::V4(v) if v.is_link_local() => 2,
        IpAddr::V4(_) => 1,
        IpAddr::V6(_) => 3,
    });
    found
}

#[cfg(unix)]
fn interfaces() -> Vec<IpAddr> {
    use nix::net::if_::InterfaceFlags;
    let Ok(list) = nix::ifaddrs::getifaddrs() else {
        return Vec::new();
    };
    list.filter(|i| {
        i.flags.contains(InterfaceFlags::IFF_UP) && !i.flags.contains(InterfaceFlags::IFF_LOOPBACK)
    })
    .filter_map(|i| {
        i.address
            .as_ref()
            .and_then(|a| a.as_sockaddr_in().map(|s| IpAddr::V4(s.ip())))
    })
    .collect()
}

#[cfg(not(unix))]
fn interfaces() -> Vec<IpAddr> {
    Vec::new()
}

/// The address this laptop would send from to another network: a UDP
/// socket "connected" to a documentation address sends nothing.
fn routed() -> Option<IpAddr> {
    let s = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    s.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    s.local_addr().ok().map(|a| a.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_addresses_come_first_and_loopback_never() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let ranked = rank(vec![
            ip("169.254.3.4"),
            ip("127.0.0.1"),
            ip("203.0.113.7"),
            ip("192.168.1.20"),
            ip("10.0.0.5"),
            ip("192.168.1.20"),
        ]);
        assert_eq!(
            ranked,
            [
                ip("192.168.1.20"),
                ip("10.0.0.5"),
                ip("203.0.113.7"),
                ip("169.254.3.4")
            ]
        );
    }
}
