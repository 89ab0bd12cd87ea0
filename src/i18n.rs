//! The interface's languages. Every text the simulator, play mode and the
//! debrief show is written in English at its call site as `tr("...")` (or
//! `trf` with `{}` placeholders), and its Chinese translation lives in one
//! table, [`ZH`]. A test scans the sources so that no `tr` text lacks a
//! translation.
//!
//! The language is chosen by `--lang`, else from `LC_ALL`, `LC_MESSAGES` or
//! `LANG` (`zh_CN.UTF-8` and the like choose Chinese), else English.

use std::cell::Cell;
use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (the texts as written in the code).
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Parses `en` or `zh` (and locale names such as `zh_CN.UTF-8`).
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_ascii_lowercase();
        if t.starts_with("zh") {
            Some(Lang::Zh)
        } else if t.starts_with("en") || t == "c" || t == "posix" || t.starts_with("c.") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language the environment asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()
    }
}

static DEFAULT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the language for the whole program.
pub fn set_default(lang: Lang) {
    DEFAULT.store(lang as u8, Ordering::Relaxed);
}

/// The language in force on this thread.
pub fn current() -> Lang {
    OVERRIDE
        .with(Cell::get)
        .unwrap_or(match DEFAULT.load(Ordering::Relaxed) {
            1 => Lang::Zh,
            _ => Lang::En,
        })
}

/// Runs `f` with `lang` in force on this thread (tests render both languages side by side).
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.with(|o| o.replace(Some(lang)));
    let out = f();
    OVERRIDE.with(|o| o.set(before));
    out
}

/// The text in the current language.
pub fn tr(en: &'static str) -> &'static str {
    match current() {
        Lang::En => en,
        Lang::Zh => zh(en).unwrap_or(en),
    }
}

/// The Chinese for an English text, if the table has it.
pub fn zh(en: &str) -> Option<&'static str> {
    ZH.iter().find(|(e, _)| *e == en).map(|(_, z)| *z)
}

/// A text with `{}` placeholders, translated, then filled in order.
pub fn trf(en: &'static str, args: &[&dyn Display]) -> String {
    let template = tr(en);
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        if let Some(a) = args.next() {
            out.push_str(&a.to_string());
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// English -> Chinese, for every text the interface shows.
pub static ZH: &[(&str, &str)] = &[
    // Sections of the parameter table.
    ("Market", "市场"),
    ("Product", "产品"),
    ("Sales", "销售"),
    ("Pricing", "定价"),
    ("Retention", "留存"),
    ("Feedback", "反馈"),
    ("Finance", "财务"),
    // Parameter labels.
    ("Market size", "市场规模"),
    ("Market growth", "市场增长"),
    ("Initial customers", "初始客户"),
    ("Innovation (p)", "创新系数 (p)"),
    ("Imitation (q)", "模仿系数 (q)"),
    ("Initial strength", "初始产品力"),
    ("Obsolescence", "产品老化"),
    ("R&D base budget", "研发基础预算"),
    ("R&D share of revenue", "研发收入占比"),
    ("R&D half-effect spend", "研发半效投入"),
    ("R&D effect", "研发效果"),
    ("R&D effect without insight", "无洞察时研发效果"),
    ("Insight for half effect", "半效所需洞察"),
    ("Self-serve conversion", "自助转化率"),
    ("Strength exponent", "产品力指数"),
    ("Initial reps", "初始销售人数"),
    ("Cost per rep", "人均销售成本"),
    ("Contacts per rep", "人均触达"),
    ("Sales base budget", "销售基础预算"),
    ("Sales share of revenue", "销售收入占比"),
    ("Hiring delay", "招聘延迟"),
    ("Sales win rate", "销售赢单率"),
    ("Price", "价格"),
    ("Reference price", "参考价格"),
    ("Price elasticity", "价格弹性"),
    ("Base churn", "基础流失率"),
    ("Churn from weakness", "产品弱导致的流失"),
    ("Feedback latency", "反馈延迟"),
    ("Feedback capture", "反馈捕获率"),
    ("Lost-customer weight", "流失客户权重"),
    ("Insight decay", "洞察衰减"),
    ("Initial cash", "初始现金"),
    ("Cost to serve", "服务成本"),
    ("Fixed costs", "固定成本"),
    // Parameter help.
    (
        "Addressable market at the start: prospects plus customers.",
        "期初的可触达市场：潜在客户加现有客户。",
    ),
    (
        "Share by which the market grows each period (negative shrinks it).",
        "市场每期增长的比例（负数表示萎缩）。",
    ),
    (
        "Paying customers at the start; at most the market size.",
        "期初的付费客户数，不超过市场规模。",
    ),
    (
        "Bass p: share of prospects who find the product on their own each period.",
        "巴斯模型 p：每期自行发现产品的潜在客户比例。",
    ),
    (
        "Bass q: word of mouth, scaled by the share of the market already won.",
        "巴斯模型 q：口碑效应，随已占领的市场份额放大。",
    ),
    (
        "Product strength at the start (1 = fits the market perfectly).",
        "期初的产品力（1 表示完全契合市场）。",
    ),
    (
        "Share of product strength lost each period as the market moves on.",
        "市场变化导致产品力每期流失的比例。",
    ),
    (
        "R&D spend per period while there is cash on hand.",
        "有现金时每期的研发投入。",
    ),
    (
        "Share of revenue reinvested in R&D.",
        "收入中再投入研发的比例。",
    ),
    (
        "R&D spend at which R&D reaches half its effect (diminishing returns).",
        "研发达到一半效果时的投入（边际递减）。",
    ),
    (
        "Most strength R&D can add per period, as a share of the gap to 1.",
        "研发每期最多能增加的产品力，按与 1 的差距计。",
    ),
    (
        "How effective R&D is with no customer insight at all.",
        "完全没有客户洞察时研发的效果。",
    ),
    (
        "Insight at which R&D gets half of what insight can add.",
        "研发获得洞察一半增益时所需的洞察量。",
    ),
    (
        "Share of organic leads who buy, for a perfect product at the reference price.",
        "产品完美且价格等于参考价时，自然线索的购买比例。",
    ),
    (
        "How sharply conversion falls for a weaker product.",
        "产品越弱，转化率下降得越陡。",
    ),
    ("Sales reps at the start.", "期初的销售人数。"),
    ("What one rep costs per period.", "每名销售每期的成本。"),
    (
        "Prospects each rep reaches per period (scaled by the share still prospects).",
        "每名销售每期触达的潜在客户（按剩余潜在客户比例缩放）。",
    ),
    (
        "Sales budget per period while there is cash on hand.",
        "有现金时每期的销售预算。",
    ),
    (
        "Share of revenue reinvested in the sales team.",
        "收入中再投入销售团队的比例。",
    ),
    (
        "Time for the team to close the gap to the size the budget pays for.",
        "团队补足到预算所能支撑规模所需的时间。",
    ),
    (
        "Share of sales leads won, for a perfect product at the reference price.",
        "产品完美且价格等于参考价时，销售线索的赢单比例。",
    ),
    (
        "What a customer pays per period.",
        "每位客户每期支付的金额。",
    ),
    (
        "The price the market expects; above it, conversion falls.",
        "市场预期的价格；高于它，转化率下降。",
    ),
    (
        "How strongly price moves conversion: (reference / price) ^ elasticity.",
        "价格对转化的影响强度：(参考价 / 价格) ^ 弹性。",
    ),
    (
        "Share of customers lost each period even with a perfect product.",
        "即使产品完美，每期也会流失的客户比例。",
    ),
    (
        "Extra churn per period for a product of strength 0.",
        "产品力为 0 时每期额外的流失率。",
    ),
    (
        "Periods before what the front line hears reaches product.",
        "一线听到的声音传到产品所需的期数。",
    ),
    (
        "Share of front-line feedback that reaches product at all.",
        "一线反馈最终能到达产品的比例。",
    ),
    (
        "Feedback from one lost customer, counted in sales conversations.",
        "一位流失客户带来的反馈，折算成销售对话次数。",
    ),
    (
        "Share of insight that goes stale each period.",
        "每期过时失效的洞察比例。",
    ),
    ("Cash on hand at the start.", "期初的现金。"),
    (
        "What serving one customer costs per period.",
        "每期服务一位客户的成本。",
    ),
    ("Other costs per period.", "每期的其他成本。"),
    // Key scopes and bindings.
    ("Anywhere", "任何时候"),
    ("Main screen", "主界面"),
    ("Typing a value or file name", "输入数值或文件名"),
    ("Overwrite question", "覆盖确认"),
    ("Help", "帮助"),
    ("Scenario picker", "场景选择"),
    ("quit", "退出"),
    ("previous parameter", "上一个参数"),
    ("next parameter", "下一个参数"),
    ("lower by a step", "减小一步"),
    ("raise by a step", "增大一步"),
    ("lower by a coarse step", "减小一大步"),
    ("raise by a coarse step", "增大一大步"),
    ("type an exact value", "输入精确值"),
    ("reset to loaded value", "恢复为载入值"),
    ("reset every parameter", "恢复全部参数"),
    ("undo the last change", "撤销上一次修改"),
    ("pin current run as baseline", "把当前运行设为基准"),
    ("previous run as ghost on/off", "显示/隐藏上一次运行"),
    ("cursor one period back", "光标后退一期"),
    ("cursor one period on", "光标前进一期"),
    ("cursor to the start", "光标到开头"),
    ("cursor to the end", "光标到结尾"),
    ("play / pause", "播放 / 暂停"),
    ("play faster", "加快播放"),
    ("play slower", "减慢播放"),
    ("next chart (narrow)", "下一张图（窄屏）"),
    ("open a scenario", "打开场景"),
    ("save scenario to file", "保存场景到文件"),
    ("export run as CSV", "导出运行结果为 CSV"),
    ("deterministic / stochastic flows", "确定性 / 随机流量"),
    ("stochastic: next seed", "随机：下一个种子"),
    (
        "Monte Carlo bands (5-95%, 25-75%)",
        "蒙特卡洛区间（5-95%，25-75%）",
    ),
    (
        "which lever matters most (tornado)",
        "哪个杠杆最重要（龙卷风图）",
    ),
    ("this help", "本帮助"),
    ("accept", "确认"),
    ("cancel", "取消"),
    ("delete a character", "删除一个字符"),
    ("overwrite the file", "覆盖文件"),
    ("keep the file", "保留文件"),
    ("close help", "关闭帮助"),
    ("previous scenario", "上一个场景"),
    ("next scenario", "下一个场景"),
    ("open it", "打开"),
    ("close the picker", "关闭选择器"),
    // The facilitator's debrief.
    ("player", "玩家"),
    ("scenario", "场景"),
    ("kind", "类型"),
    ("revenue", "收入"),
    ("customers", "客户"),
    ("low cash", "最低现金"),
    ("score", "得分"),
    ("play", "对局"),
    ("explore", "探索"),
    ("settings changed", "修改过的设置"),
    ("(none)", "（无）"),
    ("decisions over all sessions", "所有会话中的决策"),
    ("parameter", "参数"),
    ("times", "次数"),
    ("min", "最小"),
    ("max", "最大"),
    ("mean", "平均"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_from_locales() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_FR"), None);
    }

    #[test]
    fn translation_follows_the_thread_language() {
        assert_eq!(with_lang(Lang::Zh, || tr("Market")), "市场");
        assert_eq!(with_lang(Lang::En, || tr("Market")), "Market");
        assert_eq!(with_lang(Lang::Zh, || tr("no such text")), "no such text");
        assert_eq!(with_lang(Lang::En, || trf("{} of {}", &[&1, &2])), "1 of 2");
    }

    #[test]
    fn the_table_has_no_duplicates_and_covers_the_parameter_table() {
        let mut keys: Vec<&str> = ZH.iter().map(|(e, _)| *e).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "an English text is translated twice");
        for p in crate::model::PARAMS.iter() {
            assert!(zh(p.label).is_some(), "{} has no Chinese label", p.key);
            assert!(zh(p.help).is_some(), "{} has no Chinese help", p.key);
            assert!(zh(p.section.title()).is_some());
        }
    }
}
