#include "Command.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Unlocked;

namespace {

const QString packDir = QStringLiteral(UNLOCKED_TEST_DATA "/cli/pack");

// What a hostile program prints: clear the screen, retitle the window, write the clipboard
// (OSC 52), ring the bell, NUL, DEL, a C1 CSI, a right-to-left override and a carriage return
// that would hide the start of the line.
const char attackBytes[] = "\x1b[2J\x1b]0;owned\x07\x1b]52;c;aGk=\x07"
                           "NUL\x01\x00-DEL\x7f-CSI\xc2\x9b"
                           "31m-RTL\xe2\x80\xae-CR\rend";
const QString attack = QString::fromUtf8(attackBytes, sizeof attackBytes - 1);

const QByteArray attackPython = R"(ATTACK = ("\x1b[2J\x1b]0;owned\x07\x1b]52;c;aGk=\x07"
          "NUL\x01\x00-DEL\x7f-CSI\x9b" "31m-RTL\u202e-CR\rend"))";

const QByteArray hostileProgram = attackPython + R"(
import sys
print(ATTACK)
sys.stdout.flush()
sys.stdout.buffer.write(b"not utf-8: \xff\xfe\n")
print(ATTACK, file=sys.stderr)
sys.exit(3)
)";

const QByteArray hostileFunction = attackPython + R"(
def add(a, b):
    raise ValueError(ATTACK)
)";

// A learner folder name that is an escape sequence and a spreadsheet formula at once.
const QString hostileLearner = QStringLiteral("=HYPERLINK(1)\x1b]0;owned\x07");

// Characters that act on a terminal or that XML 1.0 cannot hold, raw in a report.
QString rawControls(const QString &report)
{
    QStringList found;
    for (const QChar ch : report) {
        const char16_t c = ch.unicode();
        if ((c < 0x20 && c != u'\n' && c != u'\t') || (c >= 0x7f && c <= 0x9f) ||
            (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
            found.append(QStringLiteral("U+%1").arg(uint(c), 4, 16, QLatin1Char('0')));
    }
    return found.join(QLatin1Char(' '));
}

QString writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return path;
}

struct Report
{
    int code = -1;
    QByteArray bytes;
    QString err;
};

Report runCli(const QStringList &args, const QString &outputPath)
{
    Report report;
    QString out;
    QTextStream outStream(&out);
    QTextStream errStream(&report.err);
    report.code = Unlocked::runCli(args + QStringList{QStringLiteral("--output"), outputPath},
                                   outStream, errStream);
    errStream.flush();
    QFile file(outputPath);
    if (file.open(QIODevice::ReadOnly))
        report.bytes = file.readAll();
    return report;
}

// Every string in a JSON document, depth first.
void collectStrings(const QJsonValue &value, QStringList *strings)
{
    if (value.isString())
        strings->append(value.toString());
    else if (value.isArray())
        for (const QJsonValue &v : value.toArray())
            collectStrings(v, strings);
    else if (value.isObject())
        for (const QJsonValue &v : value.toObject())
            collectStrings(v, strings);
}

} // namespace

/**
 * A submission that prints terminal escapes is graded and reported in every format; no report
 * may carry them raw, and each must still be valid (XML, JSON) and show what was printed.
 */
class TestHostileReports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void report_data();
    void report();

private:
    QTemporaryDir m_dir;
    QString m_program;
    QString m_function;
    QString m_submissions;
};

void TestHostileReports::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_program = writeFile(m_dir.filePath(QStringLiteral("program.py")), hostileProgram);
    m_function = writeFile(m_dir.filePath(QStringLiteral("function.py")), hostileFunction);
    m_submissions = m_dir.filePath(QStringLiteral("class"));
    QVERIFY(!writeFile(m_submissions + QLatin1Char('/') + hostileLearner +
                           QStringLiteral("/hello-workers.py"),
                       hostileProgram)
                 .isEmpty());
    QVERIFY(!writeFile(m_submissions + QLatin1Char('/') + hostileLearner +
                           QStringLiteral("/add-numbers.py"),
                       hostileFunction)
                 .isEmpty());
    QVERIFY(!m_program.isEmpty() && !m_function.isEmpty());
}

void TestHostileReports::report_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("task");
    QTest::addColumn<QString>("format");
    for (const char *format : {"text", "json", "junit"}) {
        QTest::addRow("grade program %s", format) << "grade"
                                                  << "hello-workers" << format;
        QTest::addRow("grade function %s", format) << "grade"
                                                   << "add-numbers" << format;
    }
    for (const char *format : {"json", "junit", "csv"})
        QTest::addRow("batch %s", format) << "batch" << QString() << format;
}

void TestHostileReports::report()
{
    QFETCH(QString, command);
    QFETCH(QString, task);
    QFETCH(QString, format);
    QStringList args{command, QStringLiteral("--pack"), packDir, QStringLiteral("--format"),
                     format};
    if (command == QLatin1String("grade"))
        args << QStringLiteral("--task") << task
             << (task == QLatin1String("add-numbers") ? m_function : m_program);
    else
        args << QStringLiteral("--submissions") << m_submissions;
    const Report run = runCli(args, m_dir.filePath(QStringLiteral("report.") + format));
    QCOMPARE(run.code, 1);
    QVERIFY2(!run.bytes.isEmpty(), qPrintable(run.err));
    const QString text = QString::fromUtf8(run.bytes);
    QVERIFY2(rawControls(text).isEmpty(), qPrintable(rawControls(text)));
    QVERIFY2(rawControls(run.err).isEmpty(), qPrintable(rawControls(run.err)));

    if (format == QLatin1String("json")) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(run.bytes, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QStringList strings;
        collectStrings(document.object(), &strings);
        // The text itself survives, exactly as printed, for a program to read back.
        bool quoted = false;
        for (const QString &s : std::as_const(strings))
            quoted = quoted || s.contains(attack);
        QVERIFY2(quoted, run.bytes.constData());
        if (command == QLatin1String("batch"))
            QVERIFY(strings.contains(hostileLearner));
        return;
    }

    // Text, CSV and JUnit show the escapes instead of carrying them.
    QVERIFY2(text.contains(QLatin1String("\\x1b]52;c;aGk=\\x07")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("\\u202e")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("\\x00")), qPrintable(text));
    if (format == QLatin1String("csv")) {
        QVERIFY2(!QRegularExpression(QStringLiteral("(^|,)\"?[=+@-]"),
                                     QRegularExpression::MultilineOption)
                      .match(text)
                      .hasMatch(),
                 qPrintable(text));
    } else if (format == QLatin1String("junit")) {
        QXmlStreamReader xml(run.bytes);
        int testcases = 0;
        while (!xml.atEnd())
            testcases += xml.readNext() == QXmlStreamReader::StartElement &&
                         xml.name() == QLatin1String("testcase");
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(testcases > 0);
        // XML 1.0 forbids these characters even as references.
        static const QRegularExpression reference(QStringLiteral("&#(x[0-9a-fA-F]+|[0-9]+);"));
        for (auto it = reference.globalMatch(text); it.hasNext();) {
            const QString n = it.next().captured(1);
            const uint c = n.startsWith(u'x') ? n.mid(1).toUInt(nullptr, 16) : n.toUInt();
            QVERIFY2(c == 0x9 || c == 0xa || c == 0xd || c >= 0x20, qPrintable(n));
        }
    }
}

QTEST_GUILESS_MAIN(TestHostileReports)
#include "TestHostileReports.moc"
