//! The fit's own tests: Halton points, quantiles, and `--param` parsing.

use super::bootstrap::quantile;
use super::problem::halton;
use super::*;
use crate::model::Params;

#[test]
fn halton_points_fill_the_unit_interval() {
    let xs: Vec<f64> = (1..=8).map(|i| halton(i, 2)).collect();
    assert_eq!(xs[..3], [0.5, 0.25, 0.75]);
    assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
}

#[test]
fn quantiles_interpolate() {
    let v = [0.0, 1.0, 2.0, 3.0, 4.0];
    assert_eq!(quantile(&v, 0.5), 2.0);
    assert!((quantile(&v, 0.05) - 0.2).abs() < 1e-12);
}

#[test]
fn params_parse_with_ranges_and_refuse_what_cannot_be_fitted() {
    let p = Params::default();
    let f = parse_param("market.imitation=0.01..0.2", &p).unwrap();
    assert_eq!((f.lo, f.hi), (0.01, 0.2));
    let d = parse_param("market.imitation", &p).unwrap();
    assert!(d.lo <= p[ParamId::Imitation] && p[ParamId::Imitation] <= d.hi);
    assert!(
        parse_param("scenario.name", &p)
            .unwrap_err()
            .to_string()
            .contains("cannot be fitted")
    );
    assert!(
        parse_param("finance.valuation_lag", &p)
            .unwrap_err()
            .to_string()
            .contains("sweep")
    );
    assert!(
        parse_param("market.imitaton", &p)
            .unwrap_err()
            .to_string()
            .contains("market.imitation")
    );
    assert!(
        parse_param("market.imitation=2..3", &p)
            .unwrap_err()
            .to_string()
            .contains("out of range")
    );
}
