//! Prints the dominant loop strip of a preset.
fn main() {
    let name = std::env::args().nth(1).unwrap_or("balanced".into());
    let s = flywheel::scenario::resolve(&name).unwrap();
    let series = flywheel::model::simulate(&s.config);
    let l = flywheel::model::loop_strengths(&s.config, &series);
    let strip: String = l
        .iter()
        .map(|x| match x.dominant {
            None => '.',
            Some(d) => ['W', 'S', 'F', 'X', 'C', '$'][d as usize],
        })
        .collect();
    for chunk in strip.as_bytes().chunks(52) {
        println!("{}", String::from_utf8_lossy(chunk));
    }
}
