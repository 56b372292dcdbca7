using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

/// <summary>
/// Throws well over a thousand malformed requests (seeded, so every run throws the same ones) at
/// the ingestion endpoints: each must be answered with a 4xx, and nothing may be stored.
/// </summary>
public sealed class MalformedRequestTests : IngestionHostTest
{
    private const int Seed = 20261125;
    private const int RequestsPerShape = 120;

    protected override IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>
    {
        ["Ingestion:MaxRequestBodyBytes"] = "65536",
        ["Ingestion:MaxImportBytes"] = "65536",
        ["Ingestion:MaxBatchBytes"] = "262144",
    };

    [Fact]
    public async Task Every_malformed_request_is_a_4xx_and_nothing_is_stored()
    {
        var random = new Random(Seed);
        var http = Host.Http(TestKeys.Submitter);
        var shapes = new Func<Random, HttpRequestMessage>[]
        {
            RandomBytesAsJson, WrongTypes, HugeFields, DeepJson, BrokenUtf8InJson, OrphanComments,
            RandomImports, RandomBatches, WrongContentTypes, BadIdempotencyKeys,
        };
        var answers = new List<string>();
        foreach (var shape in shapes)
        {
            for (var i = 0; i < RequestsPerShape; i++)
            {
                using var request = shape(random);
                var what = $"{shape.Method.Name} #{i}: {request.Method} {request.RequestUri}";
                using var response = await http.SendAsync(request);
                var status = (int)response.StatusCode;
                if (status is < 400 or >= 500)
                {
                    answers.Add($"{what} -> {status} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(answers.Count == 0, string.Join("\n", answers.Take(20)));
        Assert.True(shapes.Length * RequestsPerShape >= 1_000);
        Assert.Equal(0, await CountAsync("ingestion_submissions"));
        Assert.Equal(0, await CountAsync("ingestion_idempotency"));
    }

    [Fact]
    public async Task Broken_utf8_inside_json_is_a_400_that_names_the_field_it_is_in()
    {
        var http = Host.Http(TestKeys.Submitter);
        byte[] json = [.. "{\"source\":\"s\",\"title\":\"caf"u8, 0xC3, 0x28, .. "\",\"body\":\"b\"}"u8];

        using var response = await http.SendAsync(Post("/api/v1/articles", json, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _), errors.ToString());
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await Host.Store.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static HttpRequestMessage Post(string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    private static HttpRequestMessage Json(string path, string json) => Post(path, Encoding.UTF8.GetBytes(json), "application/json");

    private static byte[] Bytes(Random random, int max)
    {
        var bytes = new byte[random.Next(0, max)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Word(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => (char)random.Next('a', 'z' + 1))]);

    private static string AnyPath(Random random) => random.Next(4) switch
    {
        0 => "/api/v1/articles",
        1 => $"/api/v1/articles/{Guid.NewGuid()}/comments",
        2 => "/api/v1/articles/import?source=fuzz",
        _ => "/api/v1/submissions/batch",
    };

    private static HttpRequestMessage RandomBytesAsJson(Random random) =>
        Post(random.Next(2) == 0 ? "/api/v1/articles" : $"/api/v1/articles/{Guid.NewGuid()}/comments", Bytes(random, 4096), "application/json");

    private static HttpRequestMessage WrongTypes(Random random)
    {
        string[] wrong = ["5", "true", "[]", "{}", "[\"a\"]", "{\"x\":1}", "1.5e300", "-0"];
        string[] fields = ["source", "title", "body", "url", "author", "externalId", "language"];
        var pairs = fields.Select(f => $"\"{f}\":\"{Word(random, 5)}\"").ToArray();
        var broken = random.Next(fields.Length);
        pairs[broken] = $"\"{fields[broken]}\":{wrong[random.Next(wrong.Length)]}";
        return random.Next(3) == 0
            ? Json($"/api/v1/articles/{Guid.NewGuid()}/comments", $"{{\"author\":{wrong[random.Next(wrong.Length)]},\"body\":\"x\"}}")
            : Json("/api/v1/articles", $"{{{string.Join(",", pairs)}}}");
    }

    private static HttpRequestMessage HugeFields(Random random)
    {
        string[] fields = ["source", "title", "url", "author", "externalId", "language"];
        var field = fields[random.Next(fields.Length)];
        var huge = new string('x', random.Next(2_049, 60_000));
        var article = new Dictionary<string, string> { ["source"] = "s", ["title"] = "t", ["body"] = "b", [field] = huge };
        return random.Next(4) == 0
            ? Json("/api/v1/articles", $"{{\"source\":\"s\",\"title\":\"t\",\"body\":\"{new string('y', random.Next(70_000, 200_000))}\"}}")
            : Json("/api/v1/articles", JsonSerializer.Serialize(article));
    }

    private static HttpRequestMessage DeepJson(Random random)
    {
        var depth = random.Next(65, 5_000);
        var open = random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        return random.Next(2) == 0
            ? Json("/api/v1/articles", $"{{\"source\":\"s\",\"title\":\"t\",\"body\":{nested}}}")
            : Post("/api/v1/submissions/batch", Encoding.UTF8.GetBytes($"{{\"kind\":\"article\",\"source\":\"s\",\"title\":\"t\",\"body\":{nested}}}\n"), "application/x-ndjson");
    }

    private static HttpRequestMessage BrokenUtf8InJson(Random random)
    {
        byte[][] invalid = [[0xC3, 0x28], [0xFF], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0xBC], [0xED, 0xA0, 0x80], [0xC0, 0xAF]];
        var prefix = Encoding.UTF8.GetBytes($"{{\"source\":\"s\",\"title\":\"{Word(random, 4)}");
        var suffix = Encoding.UTF8.GetBytes("\",\"body\":\"text\"}");
        byte[] body = [.. prefix, .. invalid[random.Next(invalid.Length)], .. suffix];
        return random.Next(3) switch
        {
            0 => Post("/api/v1/articles", body, "application/json"),
            1 => Post("/api/v1/submissions/batch", [.. body, (byte)'\n'], "application/x-ndjson"),
            _ => Post("/api/v1/articles/import?source=s", [.. Encoding.UTF8.GetBytes("Title\n\n" + Word(random, 400)), .. invalid[random.Next(invalid.Length)]], "text/plain"),
        };
    }

    private static HttpRequestMessage OrphanComments(Random random) => Json(
        $"/api/v1/articles/{Guid.NewGuid()}/comments",
        random.Next(2) == 0
            ? $"{{\"author\":\"{Word(random, 6)}\",\"body\":\"{Word(random, 30)}\"}}"
            : $"{{\"author\":\"a\",\"body\":\"b\",\"parentCommentId\":\"{(random.Next(2) == 0 ? Guid.NewGuid().ToString() : Word(random, 10))}\"}}");

    private static HttpRequestMessage RandomImports(Random random)
    {
        var page = string.Join(random.Next(2) == 0 ? "\n" : " ", Enumerable.Range(0, random.Next(1, 200)).Select(_ => Word(random, random.Next(1, 12))));
        return random.Next(3) switch
        {
            0 => Post("/api/v1/articles/import", Encoding.UTF8.GetBytes(page), "text/plain"),
            1 => Post("/api/v1/articles/import", Encoding.UTF8.GetBytes($"<html><body><p>{page}</p></body></html>"), "text/html"),
            _ => Post("/api/v1/articles/import?source=s", Bytes(random, 70_000), random.Next(2) == 0 ? "text/plain" : "text/html"),
        };
    }

    private static HttpRequestMessage RandomBatches(Random random)
    {
        string[] lines =
        [
            "{}", "[]", "null", "5", "\"text\"", "{\"kind\":\"article\"}", "{\"kind\":\"comment\",\"author\":\"a\",\"body\":\"b\"}",
            $"{{\"kind\":\"comment\",\"articleId\":\"{Guid.NewGuid()}\",\"author\":\"a\",\"body\":\"b\"}}",
            "{\"kind\":\"article\",\"source\":\"s\",\"title\":7,\"body\":\"b\"}", "{\"kind\":\"video\",\"source\":\"s\",\"title\":\"t\",\"body\":\"b\"}",
            "{\"kind\":\"article\",\"source\":\"s\",\"title\":\"t\",\"body\":\"b\"", "{\"kind\":\"comment\",\"articleId\":\"nope\",\"author\":\"a\",\"body\":\"b\"}",
        ];
        var count = random.Next(0, 30);
        var body = new List<byte>();
        for (var i = 0; i < count; i++)
        {
            body.AddRange(random.Next(4) == 0 ? Bytes(random, 200).Where(b => b != '\n') : Encoding.UTF8.GetBytes(lines[random.Next(lines.Length)]));
            body.Add((byte)'\n');
        }

        return Post("/api/v1/submissions/batch", [.. body], "application/x-ndjson");
    }

    private static HttpRequestMessage WrongContentTypes(Random random)
    {
        string[] types = ["application/xml", "text/csv", "multipart/form-data; boundary=x", "application/octet-stream", "image/png", "text/plain; charset=utf-16"];
        var path = AnyPath(random);
        var body = path.Contains("import", StringComparison.Ordinal) || path.Contains("batch", StringComparison.Ordinal)
            ? Bytes(random, 1024)
            : Encoding.UTF8.GetBytes("{\"source\":\"s\",\"title\":\"t\",\"body\":\"b\",\"author\":\"a\"}");
        return Post(path, body, types[random.Next(types.Length)]);
    }

    private static HttpRequestMessage BadIdempotencyKeys(Random random)
    {
        var request = Json("/api/v1/articles", "{\"source\":\"s\",\"title\":\"t\",\"body\":\"b\"}");
        var key = random.Next(3) switch
        {
            0 => new string('k', random.Next(201, 2_000)),
            1 => $"{Word(random, 5)} {Word(random, 5)}",
            _ => "",
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }
}
