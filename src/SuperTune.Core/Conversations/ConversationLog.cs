using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SuperTune.Core.Conversations;

/// <summary>
/// Conversations kept in a local SQLite file: every turn with its decision and scores, and agents' corrections,
/// which later training runs read as question/answer pairs. Each call commits, so a crash loses no earlier turn.
/// </summary>
public sealed class ConversationLog : IDisposable
{
    private readonly SqliteConnection connection;

    private ConversationLog(SqliteConnection connection, string path)
    {
        this.connection = connection;
        Path = path;
    }

    /// <summary>The SQLite file.</summary>
    public string Path { get; }

    /// <summary>Opens or creates the file and its tables.</summary>
    /// <exception cref="SuperTuneException">The file cannot be opened or is not a SQLite database.</exception>
    public static ConversationLog Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS turns (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    conversation_id TEXT NOT NULL,
                    at TEXT NOT NULL,
                    message TEXT NOT NULL,
                    decision TEXT NOT NULL,
                    score REAL NOT NULL,
                    margin REAL NOT NULL,
                    answer_id TEXT);
                CREATE INDEX IF NOT EXISTS turns_conversation ON turns (conversation_id, id);
                CREATE TABLE IF NOT EXISTS corrections (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    turn_id INTEGER NOT NULL REFERENCES turns (id),
                    question TEXT NOT NULL,
                    answer TEXT NOT NULL,
                    answer_group TEXT,
                    at TEXT NOT NULL);
                """);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new SuperTuneException($"{path}: failed to open the conversation log: {e.Message}",
                "Pass a writable path for a new SQLite file, or an existing conversation log.", e);
        }

        return new ConversationLog(connection, path);
    }

    /// <summary>Appends a turn and returns it with its row id.</summary>
    public ConversationTurn AddTurn(string conversationId, string message, string decision, double score,
        double margin, string? answerId)
    {
        var at = DateTimeOffset.UtcNow;
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO turns (conversation_id, at, message, decision, score, margin, answer_id)
            VALUES ($conversation, $at, $message, $decision, $score, $margin, $answer);
            SELECT last_insert_rowid();
            """;
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$message", message);
        command.Parameters.AddWithValue("$decision", decision);
        command.Parameters.AddWithValue("$score", score);
        command.Parameters.AddWithValue("$margin", margin);
        command.Parameters.AddWithValue("$answer", (object?)answerId ?? DBNull.Value);
        var id = (long)command.ExecuteScalar()!;
        return new ConversationTurn(id, conversationId, at, message, decision, score, margin, answerId);
    }

    /// <summary>Stores an agent's correction of <paramref name="turnId"/> as a new training pair.</summary>
    /// <exception cref="SuperTuneException">No turn has that id.</exception>
    public CorrectionPair AddCorrection(long turnId, string answer, string? group = null)
    {
        var turn = Turn(turnId) ?? throw new SuperTuneException($"{Path}: no turn with id {turnId} to correct.");
        var at = DateTimeOffset.UtcNow;
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO corrections (turn_id, question, answer, answer_group, at)
            VALUES ($turn, $question, $answer, $group, $at);
            """;
        command.Parameters.AddWithValue("$turn", turnId);
        command.Parameters.AddWithValue("$question", turn.Message);
        command.Parameters.AddWithValue("$answer", answer);
        command.Parameters.AddWithValue("$group", (object?)group ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
        return new CorrectionPair(turnId, turn.Message, answer, group, at);
    }

    /// <summary>Returns the turns of <paramref name="conversationId"/> in order.</summary>
    public IReadOnlyList<ConversationTurn> Turns(string conversationId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM turns WHERE conversation_id = $conversation ORDER BY id;";
        command.Parameters.AddWithValue("$conversation", conversationId);
        return ReadTurns(command);
    }

    /// <summary>Returns every correction, oldest first.</summary>
    public IReadOnlyList<CorrectionPair> Corrections()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT turn_id, question, answer, answer_group, at FROM corrections ORDER BY id;";
        using var reader = command.ExecuteReader();
        var pairs = new List<CorrectionPair>();
        while (reader.Read())
        {
            pairs.Add(new CorrectionPair(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }

        return pairs;
    }

    public void Dispose() => connection.Dispose();

    private ConversationTurn? Turn(long id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM turns WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return ReadTurns(command).FirstOrDefault();
    }

    private static List<ConversationTurn> ReadTurns(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var turns = new List<ConversationTurn>();
        while (reader.Read())
        {
            turns.Add(new ConversationTurn(reader.GetInt64(0), reader.GetString(1),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture), reader.GetString(3),
                reader.GetString(4), reader.GetDouble(5), reader.GetDouble(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return turns;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
