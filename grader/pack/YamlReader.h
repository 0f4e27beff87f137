#pragma once

#include "Internal.h"

#include "PackLoader.h"

#include <QJsonValue>
#include <QStringList>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <vector>

// Private to the pack loader: yaml-cpp never appears in a public header.
namespace Unlocked {

/** The errors of one load, shared by every reader. */
class PackErrors
{
public:
    void add(const SourceLocation &where, const QString &field, const QString &message);
    const QList<PackError> &list() const { return m_errors; }
    bool isEmpty() const { return m_errors.isEmpty(); }

private:
    QList<PackError> m_errors;
};

/** "a.b" from "a" and "b", or just "b" at the top of a file. */
QString joinField(const QString &prefix, const QString &key);
/** "checks[2]" from "checks" and 2. */
QString indexField(const QString &prefix, qsizetype index);

/** The closest of \a candidates to a misspelled \a word, or an empty string. */
QString closestMatch(const QString &word, const QStringList &candidates);

/**
 * \a relative resolved against \a baseDir, cleaned and absolute; nothing when it is absolute or
 * leaves \a packDir, so a pack never reads files outside itself.
 */
std::optional<QString> resolvePackPath(const QString &packDir, const QString &baseDir,
                                       const QString &relative);

/** Ids name folders and appear in URLs of results: letters, digits, '-' and '_'. */
bool isValidId(const QString &id);

/** As readPackText(), but the raw bytes (still checked to be UTF-8). */
std::optional<QByteArray> readPackBytes(const QString &path, const QString &shownName,
                                        const SourceLocation &referencedAt, const QString &field,
                                        PackErrors &errors, const QString &missingHint = {});

/**
 * Reads a text file that a pack refers to. Reports a missing, unreadable or non-UTF-8 file:
 * a missing one at \a referencedAt / \a field (where the pack named it), bad bytes at the line
 * of the file itself.
 */
std::optional<QString> readPackText(const QString &path, const QString &shownName,
                                    const SourceLocation &referencedAt, const QString &field,
                                    PackErrors &errors, const QString &missingHint = {});

/** One parsed YAML file of a pack; every error it reports carries its path and a 1-based mark. */
class YamlFile
{
public:
    YamlFile(QString path, PackErrors &errors) : m_path(std::move(path)), m_errors(errors) {}

    /** Reads and parses; on failure the problem is recorded and false returned. */
    bool load(const QString &shownName, const SourceLocation &referencedAt, const QString &field);

    const QString &path() const { return m_path; }
    const YAML::Node &root() const { return m_root; }
    PackErrors &errors() { return m_errors; }

    SourceLocation at(const YAML::Node &node) const;
    void error(const YAML::Node &node, const QString &field, const QString &message);

private:
    QString m_path;
    PackErrors &m_errors;
    YAML::Node m_root;
};

/** What a YAML node is, in an instructor's words: "a list", "a mapping", "text", "empty". */
QString describeNode(const YAML::Node &node);

/**
 * A mapping read key by key. Unknown and duplicate keys are reported when it is made, so no
 * misspelled key is silently ignored. Getters report wrong types at the value and missing
 * required keys at the mapping, and return nothing in both cases.
 */
class YamlMap
{
public:
    /** \a what names the mapping in messages, e.g. "a lesson"; \a field is its dotted path. */
    YamlMap(YamlFile &file, const YAML::Node &node, const QString &field, const QString &what,
            const QStringList &allowedKeys);

    bool isValid() const { return m_valid; }
    bool has(const QString &key) const { return find(key) != nullptr; }
    YAML::Node value(const QString &key) const;
    QString field(const QString &key) const { return joinField(m_field, key); }
    SourceLocation at(const QString &key) const;
    SourceLocation at() const { return m_file.at(m_node); }
    YamlFile &file() const { return m_file; }
    const YAML::Node &node() const { return m_node; }

    void error(const QString &key, const QString &message);
    void missing(const QString &key, const QString &hint = {});

    std::optional<QString> string(const QString &key, bool required);
    std::optional<bool> boolean(const QString &key);
    std::optional<double> number(const QString &key, bool required);
    std::optional<qint64> integer(const QString &key, bool required);
    /** A sequence node, or nothing (with an error if present but not a list). */
    std::optional<YAML::Node> list(const QString &key, bool required);
    std::optional<QStringList> stringList(const QString &key, bool required);
    /** Any value as JSON (see yamlToJson); nothing, with an error, if it is too large. */
    std::optional<QJsonValue> json(const QString &key);

private:
    struct Entry
    {
        QString key;
        YAML::Node keyNode;
        YAML::Node value;
    };
    const Entry *find(const QString &key) const;

    YamlFile &m_file;
    YAML::Node m_node;
    QString m_field;
    bool m_valid = false;
    std::vector<Entry> m_entries;
};

/** A plain (unquoted) scalar as a number; quoted text is never a number. */
std::optional<double> scalarNumber(const YAML::Node &node);
/** YAML 1.2 booleans only: true/false in any of the three spellings. */
std::optional<bool> scalarBool(const YAML::Node &node);
QString scalarText(const YAML::Node &node);

/**
 * YAML to JSON: integers stay integers, true/false are booleans, ~ and null are null. Nothing
 * when the value nests too deeply or expands too far: an alias may refer to the list that
 * holds it, or repeat a list a billion times.
 */
std::optional<QJsonValue> yamlToJson(const YAML::Node &node);

} // namespace Unlocked
