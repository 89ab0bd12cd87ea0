//! The interface's languages. Every text the simulator, play mode and the
//! debrief show is written in English at its call site as `tr("...")` (or
//! `trf` with `{}` placeholders, `trc` where one English text needs two
//! translations, `mark` in a static table), and its Chinese translation
//! lives in one table, [`ZH`]. `tests/i18n.rs` scans the sources so that no
//! text lacks a translation and no entry goes unused. Text from a scenario
//! file (names, notes, lesson texts without a `_zh` twin) is data and is
//! shown as written; the period word (`week`) is translated when the table
//! has it.
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

/// The text in the current language, where the same English means different
/// things in different places: the table's key is `context|English`
/// (`trc("animation", "play")` is 播放, `tr("play")` 对局).
pub fn trc(context: &'static str, en: &'static str) -> &'static str {
    match current() {
        Lang::En => en,
        Lang::Zh => ZH
            .iter()
            .find(|(e, _)| {
                e.strip_prefix(context)
                    .and_then(|r| r.strip_prefix('|'))
                    .is_some_and(|r| r == en)
            })
            .map_or(en, |(_, z)| *z),
    }
}

/// Marks a text for translation where it cannot be translated yet (in a
/// `static` table): the text itself, to be passed to [`tr`] when shown. The
/// test of the table finds `mark("...")` as it finds `tr("...")`.
pub const fn mark(en: &'static str) -> &'static str {
    en
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
    ("R&D per customer", "每客户研发需求"),
    ("R&D effect", "研发效果"),
    ("R&D effect without insight", "无洞察时研发效果"),
    ("Insight for half effect", "半效所需洞察"),
    ("Initial insight", "初始洞察"),
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
    ("Churn from weakness", "产品弱致流失"),
    ("Churn from price", "价格致流失"),
    ("Win-back", "挽回率"),
    ("Feedback latency", "反馈延迟"),
    ("Feedback capture", "反馈捕获率"),
    ("Lost-customer weight", "流失客户权重"),
    ("Insight decay", "洞察衰减"),
    ("Initial cash", "初始现金"),
    ("Cost to serve", "服务成本"),
    ("Fixed costs", "固定成本"),
    ("Overdraft interest", "透支利息"),
    ("Cash buffer", "现金缓冲"),
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
        "R&D spend per period, paid in full while cash covers the buffer.",
        "每期研发投入；现金足够缓冲时全额支付。",
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
        "Sales budget per period, paid in full while cash covers the buffer.",
        "每期销售预算；现金足够缓冲时全额支付。",
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
    (
        "R&D spend per customer served that the half-effect point grows by.",
        "每服务一位客户，研发半效投入随之增加的金额。",
    ),
    (
        "Customer insight product has at the start (a mature company's).",
        "期初产品已有的客户洞察（成熟公司）。",
    ),
    (
        "Extra churn per period for a price twice the reference (in proportion above it).",
        "价格为参考价两倍时每期额外的流失率（高出部分按比例计）。",
    ),
    (
        "Share of lapsed customers who are prospects again each period.",
        "流失客户每期重新成为潜在客户的比例。",
    ),
    (
        "Interest paid per period on negative cash (an emergency credit line).",
        "现金为负时每期支付的利息（应急信用额度）。",
    ),
    (
        "Periods of base budgets wanted in hand; below that the bases shrink, to 0 at zero cash.",
        "希望手头保有的基础预算期数；低于此，基础预算随之缩减，现金为零时降为零。",
    ),
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
    ("next chart", "下一张图"),
    (
        "open a scenario (asks first if unsaved)",
        "打开场景（有未保存的内容时先询问）",
    ),
    ("quit at once (no question)", "立即退出（不询问）"),
    (
        "quit (asks first if unsaved)",
        "退出（有未保存的内容时先询问）",
    ),
    ("Unsaved work question", "未保存确认"),
    ("leave without saving", "不保存就离开"),
    ("Best steady policy", "最佳稳定策略"),
    (
        "best steady policy for the sliders in view",
        "当前可调滑块的最佳稳定策略",
    ),
    ("apply the suggestion (u undoes)", "应用建议（u 撤销）"),
    ("close (the search goes on)", "关闭（搜索继续）"),
    (
        "Best steady policy for the sliders in view",
        "当前可调滑块的最佳稳定策略",
    ),
    (
        "The most {} any constant setting of these sliders earns, with {}.",
        "这些滑块在任何固定设置下能达到的最大 {}，条件：{}。",
    ),
    ("searching ", "搜索中 "),
    (
        "… {} more lines: a taller terminal shows them",
        "… 还有 {} 行：终端更高时可见",
    ),
    (
        "The screen stays live: Esc closes, the search goes on, O shows it again.",
        "界面不会卡住：Esc 关闭，搜索继续，O 再次显示。",
    ),
    (" (range end)", " （范围端点）"),
    ("holding it back: {}", "受限于：{}"),
    (
        "the settings changed since the search: O searches again",
        "搜索之后设置已改变：按 O 重新搜索",
    ),
    (
        "Enter applies it (u undoes) · Esc closes",
        "Enter 应用（u 撤销）· Esc 关闭",
    ),
    ("slider", "滑块"),
    ("now", "当前"),
    ("best", "最佳"),
    ("within 1% of the best", "与最佳相差 1% 以内"),
    (
        "no sliders move in this step: nothing to search",
        "这一步没有可调的滑块：无可搜索",
    ),
    (
        "the best steady policy is for exploring; in play the debrief shows it",
        "最佳稳定策略用于探索；游戏中由复盘显示",
    ),
    ("no suggestion to apply", "没有可应用的建议"),
    (
        "best steady policy applied ({} sliders; u undoes)",
        "已应用最佳稳定策略（{} 个滑块；u 撤销）",
    ),
    ("arrived", "到达"),
    ("in transit", "在途"),
    ("gained", "提升"),
    ("R&D", "研发"),
    ("leads", "线索"),
    (
        "step {}/{}: {} (sliders back as loaded, so the goal starts unmet; u undoes)",
        "第{}/{}步：{}（滑块已恢复为载入值，目标从未达成开始；u 撤销）",
    ),
    (
        "the question's setting cannot apply here: {}",
        "无法应用这道题的设定：{}",
    ),
    (
        "nothing lost: s saves the session",
        "什么都没丢：s 保存本局",
    ),
    (
        "nothing lost: s saves the scenario, S the session",
        "什么都没丢：s 保存场景，S 保存会话",
    ),
    ("Quit without saving?", "不保存就退出？"),
    (
        "Open another scenario without saving?",
        "不保存就打开另一个场景？",
    ),
    (
        "The game in progress is not saved.",
        "进行中的这一局还没有保存。",
    ),
    ("Your changes are not saved.", "你的修改还没有保存。"),
    (" quit   ", " 退出   "),
    (" open   ", " 打开   "),
    (" stay", " 留下"),
    ("Unsaved work", "未保存"),
    ("stay (s or S saves)", "留下（s 或 S 保存）"),
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
    // Lessons, play mode, the flywheel view, the loop strip and sessions in the TUI.
    (
        "baseline pinned: the current run is now the ghost to compare with",
        "已固定基准：当前运行成为对比的虚线",
    ),
    (
        "every parameter reset to the loaded scenario",
        "所有参数已恢复为载入的场景",
    ),
    ("nothing to undo", "没有可撤销的修改"),
    ("previous run shown", "已显示上一次运行"),
    ("previous run hidden", "已隐藏上一次运行"),
    (
        "flywheel view: the four stages and what limits the loop (f for charts)",
        "飞轮视图：四个环节以及限制回路的因素（f 返回图表）",
    ),
    ("charts view (f for the flywheel)", "图表视图（f 查看飞轮）"),
    ("{} reset to {}", "{} 已恢复为 {}"),
    ("{} set to {}", "{} 已设为 {}"),
    ("not changed: {}", "未修改：{}"),
    ("undone ({} more to undo)", "已撤销（还可撤销 {} 次）"),
    ("paused at {} {}", "暂停于 {} {}"),
    (
        "`{}` is not a number; {} must be {}",
        "`{}` 不是数字；{} 必须是 {}",
    ),
    ("{} must be {} (got {})", "{} 必须是 {}（输入为 {}）"),
    (
        "no sliders move in this step: read, look, then n for the next step",
        "本步骤不能移动滑块：阅读、观察，然后按 n 进入下一步",
    ),
    ("this step asks no prediction", "本步骤没有预测题"),
    (
        "already answered: your answer is kept",
        "已经作答：保留你的答案",
    ),
    (
        "move an unlocked slider first: the prediction is scored on your run",
        "请先移动一个解锁的滑块：预测按你的运行结果评分",
    ),
    ("this is the last step", "这是最后一步"),
    ("this is the first step", "这是第一步"),
    (
        "answer kept; the run cannot score it (the metric is undefined)",
        "答案已保留；本次运行无法评分（指标无定义）",
    ),
    (
        "{} is locked in this step; you may move: {}",
        "{} 在本步骤中已锁定；可以移动：{}",
    ),
    ("step {}/{}: {}", "第 {}/{} 步：{}"),
    (
        "there is no choice {}: pick 1 to {}",
        "没有选项 {}：请选择 1 到 {}",
    ),
    ("right: {}", "答对了：{}"),
    ("not quite: the run says {}", "不太对：运行结果是 {}"),
    (
        "this scenario offers no decisions",
        "这个场景没有可做的决策",
    ),
    ("pending changes cleared", "已清除待生效的修改"),
    (
        "the game is over: s saves the session, q quits",
        "游戏结束：s 保存会话，q 退出",
    ),
    ("{}: no change this turn", "{}：本回合不修改"),
    (
        "{} → {} from next turn's start (a advances)",
        "{} → {}，从下回合开始生效（a 推进）",
    ),
    ("played {}s {}–{}", "已进行：{} {}–{}"),
    (", 1 news item", "，1 条新闻"),
    (", {} news items", "，{} 条新闻"),
    (
        "game over: score {}/100 (s saves the session)",
        "游戏结束：得分 {}/100（s 保存会话）",
    ),
    ("Save scenario as", "场景另存为"),
    ("Export run (CSV) to", "导出运行结果（CSV）到"),
    ("Save session as", "会话另存为"),
    ("saved scenario to", "场景已保存到"),
    ("exported run to", "运行结果已导出到"),
    ("saved session to", "会话已保存到"),
    (" Flywheel ", " 飞轮 "),
    ("f charts · [ ] cursor ", "f 图表 · [ ] 光标 "),
    (" ◆ limits ", " ◆ 瓶颈 "),
    ("Limiting now: ", "当前瓶颈："),
    ("driving: ", "驱动："),
    ("no loop leads (mixed)", "没有主导回路（混合）"),
    (
        "too little happens to name a loop",
        "活动太少，无法判断回路",
    ),
    (
        "Predict first: the flywheel of your run shows once you answer.",
        "请先预测：作答后显示你的运行的飞轮。",
    ),
    (
        "Nothing has happened yet: advance a turn.",
        "还没有发生任何事：推进一个回合。",
    ),
    ("Insight", "洞察"),
    ("Create value", "创造价值"),
    ("Deliver value", "传递价值"),
    ("Capture value", "获取价值"),
    ("heard by sales, sent to R&D", "销售听到，传给研发"),
    ("R&D makes the product better", "研发让产品更好"),
    ("word of mouth and sales sell", "口碑和销售带来客户"),
    ("revenue pays R&D and sales", "收入支付研发和销售"),
    ("feedback arrived {}/{}", "到达的反馈 {}/{}"),
    ("in transit {} (lag {})", "在途 {}（延迟 {} 期）"),
    ("insight {}", "洞察 {}"),
    ("strength gained +{}/{}", "产品力增加 +{}/{}"),
    ("product strength {}", "产品力 {}"),
    ("R&D {}/{}", "研发 {}/{}"),
    ("new customers {}/{}", "新客户 {}/{}"),
    ("leads {} · conversion {}", "线索 {} · 转化率 {}"),
    ("market won {} · lapsed {}", "已占市场 {} · 流失在外 {}"),
    ("revenue {}/{}", "收入 {}/{}"),
    ("profit {}/{}", "利润 {}/{}"),
    ("cash {}", "现金 {}"),
    ("cash {} · interest {}/{}", "现金 {} · 利息 {}/{}"),
    ("cash ran out in {} {}", "现金在 {} {} 耗尽"),
    ("the market is {} saturated", "市场已饱和 {}"),
    (
        "no feedback has arrived yet: it takes {} {}s",
        "还没有反馈到达：需要 {} {}",
    ),
    ("feedback arrives {} {}s late", "反馈晚到 {} {}"),
    (
        "product strength {} converts few leads",
        "产品力 {} 转化的线索很少",
    ),
    ("costs exceed revenue by {}/{}", "成本超过收入 {}/{}"),
    (
        "only {} of the prospects left become leads a {}",
        "只有剩余潜在客户的 {} 每{}成为线索",
    ),
    (" Driving ", " 驱动 "),
    ("mixed", "混合"),
    ("quiet", "平静"),
    (
        "predict first: the loops show with the curves",
        "请先预测：回路与曲线一同显示",
    ),
    ("mouth", "口碑"),
    ("sales", "销售"),
    ("feedback", "反馈"),
    ("saturation", "饱和"),
    ("churn", "流失"),
    ("cash", "现金"),
    ("Sliders: ", "滑块："),
    (
        "none in this step (look and read)",
        "本步骤没有（观察和阅读）",
    ),
    ("all", "全部"),
    ("Predict: ", "预测："),
    (
        "the run cannot score this answer",
        "本次运行无法为这个答案评分",
    ),
    ("you", "你"),
    ("Goal ", "目标 "),
    ("Debrief", "复盘"),
    (" n next · p previous ", " n 下一步 · p 上一步 "),
    (" Step {}/{} · {} ", " 第{}/{}步 · {} "),
    (
        " 1-{} answer, then the curves show ",
        " 1-{} 作答，之后显示曲线 ",
    ),
    (" PLAY ", " 对局 "),
    ("the future is hidden", "未来被隐藏"),
    ("game over", "游戏结束"),
    (
        " Decisions (↑↓ select, ←→ set, Enter type) ",
        " 决策（↑↓ 选择，←→ 设置，Enter 输入） ",
    ),
    ("no change this turn: a advances", "本回合无修改：a 推进"),
    (" News ", " 新闻 "),
    ("nothing yet", "暂无"),
    ("Your decisions", "你的决策"),
    (" So far ", " 迄今 "),
    ("autopilot", "自动驾驶"),
    ("cust.", "客户"),
    ("strength", "产品力"),
    (
        "nothing played yet: set your decisions, then a",
        "尚未开始：设置决策，然后按 a",
    ),
    ("turn {}/{}", "回合 {}/{}"),
    ("{} of {}", "{} / {}"),
    ("player {}", "玩家 {}"),
    (
        "1 change pending · cost {} · a advances",
        "1 项修改待生效 · 成本 {} · a 推进",
    ),
    (
        "{} changes pending · cost {} · a advances",
        "{} 项修改待生效 · 成本 {} · a 推进",
    ),
    (" · {}/unit changed", " · 每单位变化 {}"),
    (" Debrief ", " 复盘 "),
    ("Score ", "得分 "),
    ("You", "你"),
    ("Autopilot", "自动驾驶"),
    ("Easy", "简单"),
    ("Expert", "专家"),
    ("none: you let the autopilot fly", "无：你让自动驾驶来飞"),
    (
        "{}: the share of the gap from autopilot to the best steady policy you closed",
        "{}：从自动驾驶到最佳固定策略的差距中，你补上的比例",
    ),
    (
        "scores 0: out of cash in {} ({})",
        "得 0 分：{} 现金耗尽（{}）",
    ),
    ("scores 0: {} not met", "得 0 分：未满足 {}"),
    (
        "you beat every steady policy by changing course",
        "你通过中途调整，胜过了所有固定策略",
    ),
    (
        "no steady policy meets the requirements",
        "没有任何固定策略能满足要求",
    ),
    ("Best steady policy: ", "最佳固定策略："),
    ("Best steady", "最佳固定"),
    ("best steady policy", "最佳固定策略"),
    ("out of cash", "现金耗尽"),
    ("predictions", "预测"),
    (
        " s save session · e export CSV · q quit ",
        " s 保存会话 · e 导出 CSV · q 退出 ",
    ),
    (
        "targets met: easy {}/{} · expert {}/{}",
        "达成目标：简单 {}/{} · 专家 {}/{}",
    ),
    ("Decisions ({})", "决策（{}）"),
    ("flywheel view / charts", "飞轮视图 / 图表"),
    ("save session (for replay)", "保存会话（用于重放）"),
    ("next lesson step", "课程下一步"),
    ("previous step (g: ghost run)", "上一步（g：上一次运行）"),
    ("answer the prediction", "回答预测题"),
    ("answer with that choice", "选择该选项作答"),
    ("previous choice", "上一个选项"),
    ("next choice", "下一个选项"),
    ("answer (then the curves show)", "作答（之后显示曲线）"),
    ("not yet", "稍后"),
    ("previous decision", "上一个决策"),
    ("next decision", "下一个决策"),
    ("drop this decision's change", "放弃这项决策的修改"),
    ("drop every pending change", "放弃所有待生效的修改"),
    ("advance one turn", "推进一个回合"),
    ("save the session", "保存会话"),
    ("export the run so far (CSV)", "导出迄今的运行结果（CSV）"),
    ("Lesson", "课程"),
    ("Answering a prediction", "回答预测题"),
    ("Play mode", "对局模式"),
    ("help", "帮助"),
    ("select", "选择"),
    ("adjust", "调整"),
    ("type", "输入"),
    ("undo", "撤销"),
    ("pin baseline", "固定基准"),
    ("cursor", "光标"),
    ("open", "打开"),
    ("save", "保存"),
    ("export", "导出"),
    ("flywheel", "飞轮"),
    ("set", "设置"),
    ("advance a turn", "推进回合"),
    ("undo change", "撤销修改"),
    ("save session", "保存会话"),
    ("next/previous step", "下一步/上一步"),
    ("answer", "作答"),
    ("reset", "恢复"),
    ("word of mouth", "口碑"),
    ("sales reach", "销售触达"),
    ("Total revenue", "总收入"),
    ("Final customers", "期末客户"),
    ("Lowest cash", "最低现金"),
    ("New customers", "新增客户"),
    ("Overdraft interest paid", "已付透支利息"),
    ("Final reps", "期末销售人数"),
    ("Final penetration", "期末渗透率"),
    ("week", "周"),
    ("month", "月"),
    ("quarter", "季度"),
    ("year", "年"),
    ("day", "天"),
    (
        "Your prediction (↑↓ choose · Enter answer · Esc later)",
        "你的预测（↑↓ 选择 · Enter 作答 · Esc 稍后）",
    ),
    (
        "predict first: the readout shows your run once you answer",
        "请先预测：作答后读数显示你的运行",
    ),
    // The explore screen: header, KPI strip, parameters, charts, readout,
    // feedback lane, footer, pop-ups and status messages.
    ("stochastic", "随机"),
    ("deterministic", "确定性"),
    ("{} {}s", "{} {}"),
    ("{}, seed {}", "{}，种子 {}"),
    ("ghost: baseline pinned run", "对比基准：固定的运行"),
    ("ghost: baseline as loaded", "对比基准：载入时"),
    (" + previous", " + 上一次"),
    ("bands: {} runs", "区间：{} 次运行"),
    ("bands: computing…", "区间：计算中…"),
    ("⚠ file invalid: {}", "⚠ 文件无效：{}"),
    ("▶ playing {}/s", "▶ 播放中 {}/秒"),
    ("⏸ paused", "⏸ 已暂停"),
    ("Revenue", "收入"),
    ("Customers", "客户"),
    ("Low cash", "最低现金"),
    ("Lowest cash: out at {}!", "最低现金：{}耗尽！"),
    ("Cash out {}!", "现金耗尽 {}！"),
    ("Profit", "利润"),
    ("was n/a", "原为 n/a"),
    (" vs pinned baseline ", " 对比固定基准 "),
    (" vs baseline as loaded ", " 对比载入时基准 "),
    ("up from 0", "从 0 上升"),
    ("down from 0", "从 0 下降"),
    ("a whole number {}", "整数 {}"),
    (" Parameters ", " 参数 "),
    (" Parameters ({} changed) ", " 参数（已改 {} 项） "),
    ("  (loaded {})", "  （载入值 {}）"),
    (
        "valid {} · step {} · coarse {}",
        "有效范围 {} · 步长 {} · 大步 {}",
    ),
    (" Selected ", " 当前参数 "),
    ("… and {} more", "… 另有 {} 项"),
    ("none: every parameter as loaded", "无：所有参数均为载入值"),
    (
        " Changed from loaded (u undo, R reset) ",
        " 相对载入值的修改（u 撤销，R 全部恢复） ",
    ),
    ("wk", "周"),
    ("mo", "月"),
    ("qtr", "季"),
    ("yr", "年"),
    ("ppl", "人"),
    ("reps", "销售人员"),
    ("of leads", "占线索"),
    ("of rev", "占收入"),
    ("/churn", "/流失"),
    ("cust", "客户"),
    ("unit|cust", "户"),
    ("unit|reps", "人"),
    ("rep", "人"),
    ("people", "人"),
    ("{}s", "{}"),
    ("of revenue", "占收入"),
    ("per churned", "每个流失客户"),
    ("customer", "客户"),
    (" events ", " 事件 "),
    ("event", "事件"),
    ("new", "新增"),
    ("leads org", "自然线索"),
    ("leads sales", "销售线索"),
    ("conv", "转化率"),
    ("self", "自助"),
    ("win", "赢单"),
    ("profit", "利润"),
    ("churned", "已流失"),
    (" Feedback lane ", " 反馈通道 "),
    ("latency {} {}s ", "延迟 {} {} "),
    (" at {}: sent {} · arrived {} ", " {}：发出 {} · 到达 {} "),
    ("  in flight {}", "  在途 {}"),
    ("sales ▶", "销售 ▶"),
    (" ▶ product", " ▶ 产品"),
    (" instant ", " 即时 "),
    ("animation|play", "播放"),
    ("Acquisition", "获客"),
    ("organic leads", "自然线索"),
    ("organic", "自然"),
    ("sales leads", "销售线索"),
    ("new customers", "新客户"),
    ("Conversion", "转化"),
    ("overall", "总体"),
    ("self-serve", "自助"),
    ("sales win", "销售赢单"),
    ("Flywheel state", "飞轮状态"),
    ("{} (max {})", "{}（最大 {}）"),
    ("cash ÷{}", "现金 ÷{}"),
    ("cash÷{}", "现金÷{}"),
    ("people/{}", "人/{}"),
    ("% of leads", "占线索 %"),
    // The pictures of `flywheel plot`.
    ("people per period", "人/期"),
    ("overall conversion", "总体转化率"),
    ("self-serve rate", "自助转化率"),
    ("sales win rate", "销售赢单率"),
    ("$ per period", "$/期"),
    ("cash (right axis)", "现金（右轴）"),
    ("share of each series' maximum", "占各序列最大值的比例"),
    ("product strength", "产品力"),
    ("sales reps", "销售人员"),
    ("cash ($)", "现金（$）"),
    ("{} (baseline)", "{}（基准）"),
    (" (grey: {})", " （灰色：{}）"),
    (
        ", bands: 5-95% and 25-75% of {} stochastic runs",
        "，区间：{} 次随机运行的 5-95% 与 25-75%",
    ),
    ("{} as loaded", "{} 原样"),
    (
        "session: {} decisions; Enter replays it",
        "对局记录：{} 项决策；按 Enter 回放",
    ),
    (
        "replaying the session of {} on {}: the baseline is the scenario as loaded",
        "回放 {} 在 {} 上的对局：基准为原样载入的情景",
    ),
    ("% of each max", "占各自最大值 %"),
    ("now {} · valid {}", "当前 {} · 有效范围 {}"),
    (
        "Enter to write · Esc to cancel · never overwrites without asking",
        "Enter 写入 · Esc 取消 · 覆盖前总会先询问",
    ),
    ("{} already exists.", "{} 已存在。"),
    ("Overwrite it? ", "要覆盖吗？ "),
    (" overwrite   ", " 覆盖   "),
    (" keep it", " 保留"),
    ("File exists", "文件已存在"),
    ("not moved (at {})", "未移动（位于 {}）"),
    (
        "Total revenue {} now; each lever you decide moved down and up by 20%:",
        "当前总收入 {}；每个由你决定的参数下调和上调 20%：",
    ),
    ("▒ moved down  ", "▒ 下调  "),
    ("█ moved up", "█ 上调"),
    (
        "Which lever matters most now (Esc to close)",
        "现在哪个杠杆最重要（Esc 关闭）",
    ),
    ("Mouse", "鼠标"),
    ("click a parameter", "点击参数"),
    ("select it", "选中它"),
    ("wheel on it", "在参数上滚动"),
    ("adjust it", "调整它"),
    ("wheel on a chart", "在图表上滚动"),
    ("move the cursor", "移动光标"),
    (
        "Help {}-{} of {} (↑↓ scroll, Esc to close)",
        "帮助 {}-{} / {}（↑↓ 滚动，Esc 关闭）",
    ),
    ("Help (Esc to close)", "帮助（Esc 关闭）"),
    (
        "Open a scenario (Enter open · Esc close)",
        "打开场景（Enter 打开 · Esc 关闭）",
    ),
    ("invalid: {}", "无效：{}"),
    ("preset", "预设"),
    (
        "terminal too small: need {}x{} (now {}x{})",
        "终端太小：至少需要 {}x{}（当前 {}x{}）",
    ),
    ("nothing written", "未写入任何文件"),
    ("type a file name", "请输入文件名"),
    ("not written: {} already exists", "未写入：{} 已存在"),
    ("could not write {}: {}", "无法写入 {}：{}"),
    ("reloaded {} from disk", "已从磁盘重新载入 {}"),
    (
        "reloaded {} from disk; your {} changes kept",
        "已从磁盘重新载入 {}；保留了你的 {} 处修改",
    ),
    (
        "the scenario file changed on disk; this game goes on with the version it started with",
        "场景文件已在磁盘上修改；本局继续使用开局时的版本",
    ),
    (
        "the file on disk is invalid; showing the last good version: {}",
        "磁盘上的文件无效；显示上一个有效版本：{}",
    ),
    (
        "Monte Carlo bands: {} stochastic runs, shaded 5-95% and 25-75%",
        "蒙特卡洛区间：{} 次随机运行，阴影为 5-95% 和 25-75%",
    ),
    ("bands off", "已关闭区间"),
    (
        "stochastic: flows drawn on whole people (seed {})",
        "随机：流量按整人抽样（种子 {}）",
    ),
    ("deterministic: expected flows", "确定性：期望流量"),
    ("seed {}", "种子 {}"),
    ("invalid scenario", "无效的场景"),
    (
        "no scenarios found (no presets, no *.toml in ./scenarios or here)",
        "未找到场景（没有预设，./scenarios 和当前目录下也没有 *.toml）",
    ),
    (
        "opened {}: its run as loaded is the baseline",
        "已打开 {}：其载入时的运行为基准",
    ),
    ("cannot open: {}", "无法打开：{}"),
    ("insight", "洞察"),
    ("{}: ", "{}："),
    ("scroll up", "向上滚动"),
    ("scroll down", "向下滚动"),
    ("page up", "向上翻页"),
    ("page down", "向下翻页"),
    // Metric labels (the debrief's rows).
    ("Total profit", "总利润"),
    ("Final strength", "期末产品力"),
    ("Final cash", "期末现金"),
    ("Peak acquisition period", "获客高峰期"),
    ("Mean conversion", "平均转化率"),
    ("LTV/CAC", "LTV/CAC"),
    // A class over SSH (flywheel serve): what participants are told.
    (
        "saved on the server after every decision; the facilitator has the file",
        "每次决策后都已保存在服务器上；文件在主持人那里",
    ),
    (
        "the facilitator chose the scenario for the class",
        "场景由主持人为全班选定",
    ),
    ("the game is over", "对局已结束"),
    (
        "wait: the facilitator opens the next turn for everyone",
        "请稍候：主持人会为所有人开放下一回合",
    ),
    ("turn {} is open: a plays it", "第 {} 回合已开放：按 a 进行"),
    ("news", "消息"),
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
        assert_eq!(with_lang(Lang::Zh, || trc("animation", "play")), "播放");
        assert_eq!(with_lang(Lang::Zh, || tr("play")), "对局");
        assert_eq!(with_lang(Lang::En, || trc("animation", "play")), "play");
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
