using CsvHelper;

namespace Moderation.Corpora;

/// <summary>A CSV file as a header and raw rows; the corpora's headers have quirks (unnamed and repeated columns)
/// that typed record mapping would trip over.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string[] header, List<string[]> rows, string name)
    {
        Header = header;
        Rows = rows;
        Name = name;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            _columns.TryAdd(header[i], i);
        }
    }

    public string Name { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Read(string path) => Read(new StreamReader(path), Path.GetFileName(path));

    public static CsvTable Read(TextReader reader, string name)
    {
        // Separator fixed: detection could pick ';' or '|' from a file whose first lines quote them.
        var options = new CsvReaderOptions { Separator = ',', HasHeader = true };
        using var csv = CsvReader.Create(reader, options, false);
        var header = csv.Headers.ToArray();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            var row = new string[csv.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = csv.GetString(i);
            }

            rows.Add(row);
        }

        return new CsvTable(header, rows, name);
    }

    /// <summary>The index of a column, or an exception naming the file when the upstream layout changed.</summary>
    public int Column(string name) =>
        _columns.TryGetValue(name, out var index)
            ? index
            : throw new InvalidDataException($"{Name} has no column '{name}' (columns: {string.Join(", ", Header)}).");

    public static string Field(string[] row, int index) => index < row.Length ? row[index] : "";
}
