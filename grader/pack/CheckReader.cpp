#include "PackReaders.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace Unlocked {

namespace {

struct CheckKindInfo
{
    CheckKind kind;      // written in task.yaml as checkKindName(kind)
    QString defaultName; // shown to learners when the check has no `name:`
    QStringList keys;    // besides kind and name
};

const QList<CheckKindInfo> &checkKinds()
{
    static const QList<CheckKindInfo> kinds = {
        {CheckKind::Cases, QStringLiteral("Hidden cases"), {QStringLiteral("tolerance")}},
        {CheckKind::Output,
         QStringLiteral("Program output"),
         {QStringLiteral("lines"), QStringLiteral("any_order")}},
        {CheckKind::Static,
         QStringLiteral("Static checks"),
         {QStringLiteral("require"), QStringLiteral("forbid")}},
        {CheckKind::ParallelSpeedup,
         QStringLiteral("Parallel speedup"),
         {QStringLiteral("workload"), QStringLiteral("efficiency"), QStringLiteral("max_workers"),
          QStringLiteral("budget_seconds")}},
        {CheckKind::SingleCoreSpeedup,
         QStringLiteral("Single-core speedup"),
         {QStringLiteral("workload"), QStringLiteral("factor"), QStringLiteral("budget_seconds")}},
        {CheckKind::Concurrency,
         QStringLiteral("Concurrency"),
         {QStringLiteral("workload"), QStringLiteral("wait_seconds"), QStringLiteral("max_ratio"),
          QStringLiteral("budget_seconds")}},
        {CheckKind::Observed,
         QStringLiteral("Threads and processes, as run"),
         {QStringLiteral("threads"), QStringLiteral("processes"), QStringLiteral("message")}},
    };
    return kinds;
}

// In the order of StaticRule::Kind.
const QStringList ruleKinds = {QStringLiteral("import"), QStringLiteral("call"),
                               QStringLiteral("define"), QStringLiteral("async_define"),
                               QStringLiteral("await"),  QStringLiteral("attribute")};

/** A rule's name, or its list of names (any of which the rule is about); never empty. */
std::optional<QStringList> ruleNames(YamlMap &map, const QString &key)
{
    if (!map.value(key).IsSequence()) {
        const auto name = map.string(key, true);
        return name ? std::optional(QStringList{*name}) : std::nullopt;
    }
    const auto names = map.stringList(key, true);
    if (names && names->isEmpty()) {
        map.error(key, QStringLiteral("a list of names needs at least one"));
        return std::nullopt;
    }
    return names;
}

std::optional<StaticRule> readRule(YamlFile &file, const YAML::Node &node, const QString &field)
{
    YamlMap map(file, node, field, QStringLiteral("a static rule"),
                ruleKinds + QStringList{QStringLiteral("message")});
    if (!map.isValid())
        return std::nullopt;
    QStringList present;
    for (const QString &k : ruleKinds)
        if (map.has(k))
            present.append(k);
    if (present.size() != 1) {
        file.errors().add(map.at(), field,
                          present.isEmpty()
                              ? QStringLiteral("a rule needs one of import, call, attribute, "
                                               "define, async_define or await")
                              : QStringLiteral("a rule has exactly one of import, call, "
                                               "attribute, define, async_define or await, not %1")
                                    .arg(present.join(QLatin1String(" and "))));
        return std::nullopt;
    }
    StaticRule rule;
    rule.kind = StaticRule::Kind(ruleKinds.indexOf(present.first()));
    if (rule.kind == StaticRule::Kind::Await) {
        const auto value = map.boolean(QStringLiteral("await"));
        if (value && !*value) {
            map.error(QStringLiteral("await"),
                      QStringLiteral("only `await: true` is meaningful (put it under forbid to "
                                     "forbid await)"));
            return std::nullopt;
        }
        if (!value)
            return std::nullopt;
    } else {
        const auto names = ruleNames(map, present.first());
        if (!names)
            return std::nullopt;
        rule.names = *names;
    }
    rule.message = map.string(QStringLiteral("message"), false).value_or(QString());
    return rule;
}

QList<StaticRule> readRules(YamlMap &check, const QString &key)
{
    QList<StaticRule> rules;
    const auto list = check.list(key, false);
    if (!list)
        return rules;
    for (std::size_t i = 0; i < list->size(); ++i)
        if (auto rule =
                readRule(check.file(), (*list)[i], indexField(check.field(key), qsizetype(i))))
            rules.append(*rule);
    return rules;
}

/** A number in (0, max]; \a max 0 means no upper bound. */
double positive(YamlMap &map, const QString &key, bool required, double max = 0)
{
    const auto value = map.number(key, required);
    if (!value)
        return 0.0;
    if (*value <= 0 || (max > 0 && *value > max)) {
        map.error(key, max > 0 ? QStringLiteral("must be greater than 0 and at most %1, not %2")
                                     .arg(max)
                                     .arg(*value)
                               : QStringLiteral("must be greater than 0, not %1").arg(*value));
        return 0.0;
    }
    return *value;
}

bool mentionsSize(const QJsonValue &value)
{
    if (value.isString())
        return value.toString() == QLatin1String("$size");
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(),
                           [](const QJsonValue &v) { return mentionsSize(v); });
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        return std::any_of(object.begin(), object.end(),
                           [](const QJsonValue &v) { return mentionsSize(v); });
    }
    return false;
}

/** A size field: a whole number from 1 to 10^12; 0 after an error. */
qint64 sizeField(YamlMap &map, const QString &key)
{
    const auto value = map.integer(key, true);
    if (!value)
        return 0;
    if (*value < 1 || *value > 1'000'000'000'000ll) {
        map.error(key,
                  QStringLiteral("must be a whole number from 1 to 10^12, not %1").arg(*value));
        return 0;
    }
    return *value;
}

// workload: {args: [[$size, $size]], size: {min, max, nominal}, target_seconds}
void readSizedWorkload(YamlMap &check, CheckSpec &spec)
{
    const QString key = QStringLiteral("workload");
    YamlMap map(check.file(), check.value(key), check.field(key), QStringLiteral("a workload"),
                {QStringLiteral("args"), QStringLiteral("size"), QStringLiteral("target_seconds")});
    if (!map.isValid())
        return;
    if (map.list(QStringLiteral("args"), true)) {
        spec.workload = map.json(QStringLiteral("args")).value_or(QJsonValue()).toArray();
        if (!mentionsSize(spec.workload))
            map.error(QStringLiteral("args"),
                      QStringLiteral("never uses $size, so the size could not change the work: "
                                     "write $size where the size goes"));
    }
    const QString sizeKey = QStringLiteral("size");
    if (!map.has(sizeKey)) {
        map.missing(sizeKey, QStringLiteral("missing: a workload mapping says how far it may "
                                            "grow, size: {min: …, max: …, nominal: …}"));
        return;
    }
    YamlMap size(map.file(), map.value(sizeKey), map.field(sizeKey), QStringLiteral("a size"),
                 {QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("nominal")});
    if (size.isValid()) {
        const qint64 min = sizeField(size, QStringLiteral("min"));
        const qint64 max = sizeField(size, QStringLiteral("max"));
        const qint64 nominal = sizeField(size, QStringLiteral("nominal"));
        if (min > 0 && max > 0 && min > max) {
            size.error(QStringLiteral("max"),
                       QStringLiteral("must be at least min (%1), not %2").arg(min).arg(max));
        } else if (min > 0 && max > 0 && nominal > 0 && (nominal < min || nominal > max)) {
            size.error(QStringLiteral("nominal"),
                       QStringLiteral("must lie from min to max (%1 to %2), not %3")
                           .arg(min)
                           .arg(max)
                           .arg(nominal));
        } else if (min > 0 && max > 0 && nominal > 0) {
            spec.workloadSize.min = min;
            spec.workloadSize.max = max;
            spec.workloadSize.nominal = nominal;
        }
    }
    spec.workloadSize.targetSeconds = positive(map, QStringLiteral("target_seconds"), false, 60.0);
}

void readMeasured(YamlMap &map, CheckSpec &check, const Task &task)
{
    if (task.kind != TaskKind::Function)
        map.error(QStringLiteral("kind"),
                  QStringLiteral("a %1 check times calls of the entry function with its "
                                 "workload, so it needs a function task")
                      .arg(checkKindName(check.kind)));
    if (map.value(QStringLiteral("workload")).IsMap())
        readSizedWorkload(map, check);
    else if (const auto workload = map.list(QStringLiteral("workload"), false))
        check.workload = map.json(QStringLiteral("workload")).value_or(QJsonValue()).toArray();
    else if (!map.has(QStringLiteral("workload")))
        map.missing(QStringLiteral("workload"),
                    QStringLiteral("missing: a measured check needs the argument list it times"));
    check.budgetSeconds = positive(map, QStringLiteral("budget_seconds"), false);

    switch (check.kind) {
    case CheckKind::ParallelSpeedup:
        check.target = positive(map, QStringLiteral("efficiency"), true, 1.0);
        if (const auto workers = map.integer(QStringLiteral("max_workers"), false)) {
            if (*workers < 1)
                map.error(QStringLiteral("max_workers"),
                          QStringLiteral("must be at least 1, not %1").arg(*workers));
            else
                check.maxWorkers = int(std::min<qint64>(*workers, 4096));
        }
        break;
    case CheckKind::SingleCoreSpeedup:
        if (const auto factor = map.number(QStringLiteral("factor"), true)) {
            if (*factor <= 1)
                map.error(QStringLiteral("factor"),
                          QStringLiteral("must be greater than 1 (the solution must be faster "
                                         "than the baseline), not %1")
                              .arg(*factor));
            else
                check.target = *factor;
        }
        break;
    case CheckKind::Concurrency:
        // The waits take as long on any computer; only CPU work needs sizing.
        if (check.workloadSize.isSized())
            map.error(QStringLiteral("workload"),
                      QStringLiteral("a concurrency check times waits, which last as long on "
                                     "any computer: give its workload as a plain argument list"));
        check.waitSeconds = positive(map, QStringLiteral("wait_seconds"), true);
        check.target = positive(map, QStringLiteral("max_ratio"), true, 1.0);
        break;
    default:
        break;
    }
}

// points: a share of the task's score; inconclusive: what an undecided measurement counts for.
void readScoring(YamlMap &map, CheckSpec &check, InconclusivePolicy fallback)
{
    if (const auto points = map.number(QStringLiteral("points"), false)) {
        if (*points < 0 || *points > 1e6)
            map.error(QStringLiteral("points"),
                      QStringLiteral("must be a number from 0 to 1000000, not %1").arg(*points));
        else
            check.points = *points;
    }
    check.inconclusive = fallback;
    if (!map.has(QStringLiteral("inconclusive")))
        return;
    if (!isMeasured(check.kind)) {
        map.error(QStringLiteral("inconclusive"),
                  QStringLiteral("only a measured check (parallel-speedup, single-core-speedup, "
                                 "concurrency) can be inconclusive; a %1 check always decides")
                      .arg(checkKindName(check.kind)));
        return;
    }
    check.inconclusive = readInconclusive(map).value_or(fallback);
}

ObservedCount observedCount(YamlMap &map, const QString &key)
{
    const auto value = map.string(key, false);
    if (!value)
        return ObservedCount::Any;
    if (*value == QLatin1String("one"))
        return ObservedCount::One;
    if (*value == QLatin1String("several"))
        return ObservedCount::Several;
    map.error(key, QStringLiteral("must be one or several, not '%1'").arg(*value));
    return ObservedCount::Any;
}

// threads: one | several, processes: one | several, message: why (the task's words)
void readObserved(YamlMap &map, CheckSpec &check)
{
    check.threads = observedCount(map, QStringLiteral("threads"));
    check.processes = observedCount(map, QStringLiteral("processes"));
    check.observedMessage = map.string(QStringLiteral("message"), false).value_or(QString());
    if (!map.has(QStringLiteral("threads")) && !map.has(QStringLiteral("processes")))
        map.missing(QStringLiteral("threads"),
                    QStringLiteral("missing: an observed check needs threads: or processes: "
                                   "(one or several)"));
}

void readKindFields(YamlMap &map, CheckSpec &check, const Task &task)
{
    const QString kindKey = QStringLiteral("kind");
    switch (check.kind) {
    case CheckKind::Cases:
        if (task.kind != TaskKind::Function)
            map.error(kindKey, QStringLiteral("a cases check calls the entry function, so it "
                                              "needs a function task (use an output check for "
                                              "a program)"));
        if (const auto tolerance = map.number(QStringLiteral("tolerance"), false)) {
            if (*tolerance < 0)
                map.error(QStringLiteral("tolerance"),
                          QStringLiteral("must be 0 or more, not %1").arg(*tolerance));
            else
                check.tolerance = *tolerance;
        }
        break;
    case CheckKind::Output:
        if (task.kind != TaskKind::Program)
            map.error(kindKey, QStringLiteral("an output check compares what a program prints, "
                                              "so it needs a program task (use a cases check "
                                              "for a function)"));
        check.expectedLines = map.stringList(QStringLiteral("lines"), true).value_or(QStringList());
        check.anyOrder = map.boolean(QStringLiteral("any_order")).value_or(false);
        break;
    case CheckKind::Static:
        check.require = readRules(map, QStringLiteral("require"));
        check.forbid = readRules(map, QStringLiteral("forbid"));
        // A value that is not a list was reported already.
        if (map.value(QStringLiteral("require")).size() == 0 &&
            map.value(QStringLiteral("forbid")).size() == 0 &&
            !map.value(QStringLiteral("require")).IsScalar() &&
            !map.value(QStringLiteral("forbid")).IsScalar() &&
            !map.value(QStringLiteral("require")).IsMap() &&
            !map.value(QStringLiteral("forbid")).IsMap())
            map.missing(QStringLiteral("require"),
                        QStringLiteral("missing: a static check needs at least one rule under "
                                       "require or forbid"));
        break;
    case CheckKind::ParallelSpeedup:
    case CheckKind::SingleCoreSpeedup:
    case CheckKind::Concurrency:
        readMeasured(map, check, task);
        break;
    case CheckKind::Observed:
        readObserved(map, check);
        break;
    }
}

// A named file that is missing, or a default one that is broken, was reported already; only a
// file that is neither named nor present is news here.
bool lacksFile(const Task &task, const YamlMap &taskMap, const QString &key, const QString &name)
{
    return !taskMap.has(key) && !QFileInfo::exists(task.dir + QLatin1Char('/') + name);
}

void requireFiles(YamlMap &map, const CheckSpec &check, const Task &task, const YamlMap &taskMap)
{
    const QString kindKey = QStringLiteral("kind");
    if (check.kind == CheckKind::Cases && task.kind == TaskKind::Function &&
        lacksFile(task, taskMap, QStringLiteral("cases"), QStringLiteral("cases.yaml")))
        map.error(kindKey, QStringLiteral("a cases check needs hidden cases: add "
                                          "tasks/%1/cases.yaml or name a file with `cases:`")
                               .arg(task.id));
    const bool timed =
        check.kind == CheckKind::ParallelSpeedup || check.kind == CheckKind::SingleCoreSpeedup;
    if (timed &&
        lacksFile(task, taskMap, QStringLiteral("baseline"), QStringLiteral("baseline.py")))
        map.error(kindKey, QStringLiteral("a %1 check is timed against a baseline: add "
                                          "tasks/%2/baseline.py or name a file with `baseline:`")
                               .arg(checkKindName(check.kind), task.id));
}

} // namespace

std::optional<InconclusivePolicy> readInconclusive(YamlMap &map)
{
    const QString key = QStringLiteral("inconclusive");
    const auto name = map.string(key, false);
    if (!name)
        return std::nullopt;
    const auto policy = inconclusivePolicyFromName(*name);
    if (!policy)
        map.error(key,
                  QStringLiteral("unknown policy '%1' (use regrade, zero or full)").arg(*name));
    return policy;
}

void readLimits(YamlFile &file, const YAML::Node &node, Limits &limits)
{
    const QStringList keys = {QStringLiteral("cpu_seconds"),   QStringLiteral("wall_seconds"),
                              QStringLiteral("memory_mib"),    QStringLiteral("processes"),
                              QStringLiteral("file_size_mib"), QStringLiteral("disk_mib"),
                              QStringLiteral("open_files"),    QStringLiteral("output_kib")};
    YamlMap map(file, node, QStringLiteral("limits"), QStringLiteral("limits"), keys);
    if (!map.isValid())
        return;
    auto seconds = [&](const QString &key, double &out) {
        if (const double v = positive(map, key, false); v > 0)
            out = v;
    };
    auto bytes = [&](const QString &key, qint64 unit, qint64 &out) {
        if (const double v = positive(map, key, false); v > 0)
            out = qint64(v * double(unit));
    };
    auto count = [&](const QString &key, int &out) {
        const auto v = map.integer(key, false);
        if (!v)
            return;
        if (*v < 1 || *v > 1 << 20)
            map.error(
                key,
                QStringLiteral("must be a whole number from 1 to %1, not %2").arg(1 << 20).arg(*v));
        else
            out = int(*v);
    };
    seconds(QStringLiteral("cpu_seconds"), limits.cpuSeconds);
    seconds(QStringLiteral("wall_seconds"), limits.wallSeconds);
    bytes(QStringLiteral("memory_mib"), 1 << 20, limits.memoryBytes);
    count(QStringLiteral("processes"), limits.processes);
    bytes(QStringLiteral("file_size_mib"), 1 << 20, limits.fileSizeBytes);
    bytes(QStringLiteral("disk_mib"), 1 << 20, limits.diskBytes);
    count(QStringLiteral("open_files"), limits.openFiles);
    bytes(QStringLiteral("output_kib"), 1 << 10, limits.outputBytes);
}

QList<CheckSpec> readChecks(YamlFile &file, const YAML::Node &list, const Task &task,
                            const YamlMap &taskMap, InconclusivePolicy inconclusive)
{
    QList<CheckSpec> checks;
    QStringList kindNames;
    for (const CheckKindInfo &info : checkKinds())
        kindNames.append(checkKindName(info.kind));

    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node node = list[i];
        const QString field = indexField(QStringLiteral("checks"), qsizetype(i));
        if (!node.IsMap()) {
            file.error(node, field,
                       QStringLiteral("a check must be a mapping with a kind, not %1")
                           .arg(describeNode(node)));
            continue;
        }
        // The kind decides which keys are allowed, so it is read before the rest.
        YAML::Node kindNode;
        for (auto it = node.begin(); it != node.end(); ++it)
            if (it->first.IsScalar() && it->first.Scalar() == "kind")
                kindNode = it->second;
        const QString kindField = joinField(field, QStringLiteral("kind"));
        if (!kindNode.IsScalar()) {
            file.error(kindNode.IsNull() ? node : kindNode, kindField,
                       QStringLiteral("missing: every check has a kind (%1)")
                           .arg(kindNames.join(QLatin1String(", "))));
            continue;
        }
        const QString kind = scalarText(kindNode);
        const qsizetype index = kindNames.indexOf(kind);
        if (index < 0) {
            const QString guess = closestMatch(kind, kindNames);
            file.error(kindNode, kindField,
                       guess.isEmpty()
                           ? QStringLiteral("unknown check kind '%1' (use one of %2)")
                                 .arg(kind, kindNames.join(QLatin1String(", ")))
                           : QStringLiteral("unknown check kind '%1' (did you mean '%2'?)")
                                 .arg(kind, guess));
            continue;
        }
        const CheckKindInfo &info = checkKinds()[index];
        YamlMap map(file, node, field, QStringLiteral("a %1 check").arg(kind),
                    QStringList{QStringLiteral("kind"), QStringLiteral("name"),
                                QStringLiteral("points"), QStringLiteral("inconclusive")} +
                        info.keys);
        CheckSpec check;
        check.kind = info.kind;
        check.where = map.at();
        check.name = map.string(QStringLiteral("name"), false).value_or(info.defaultName);
        if (check.name.trimmed().isEmpty())
            check.name = info.defaultName;
        readKindFields(map, check, task);
        readScoring(map, check, inconclusive);
        requireFiles(map, check, task, taskMap);
        // An observed check judges the runs of the correctness checks declared before it.
        const CheckKind watched =
            task.kind == TaskKind::Function ? CheckKind::Cases : CheckKind::Output;
        if (check.kind == CheckKind::Observed &&
            std::none_of(checks.cbegin(), checks.cend(),
                         [watched](const CheckSpec &c) { return c.kind == watched; }))
            map.error(QStringLiteral("kind"),
                      QStringLiteral("an observed check judges what the grader saw while the %1 "
                                     "check before it ran: put it after a %1 check")
                          .arg(checkKindName(watched)));
        checks.append(check);
    }
    return checks;
}

} // namespace Unlocked
