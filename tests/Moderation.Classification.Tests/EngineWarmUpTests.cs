using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moderation.Classification.Domain;
using Moderation.Classification.Embeddings;
using Moderation.Testing;

namespace Moderation.Classification.Tests;

/// <summary>
/// The encoder and the default model are loaded while the service starts, before its bus takes a
/// message: a model that cannot be loaded stops the start instead of failing the first submissions,
/// and the load no longer overlaps the first backlog (which set the process's peak memory).
/// </summary>
public sealed class EngineWarmUpTests
{
    [Fact]
    public async Task The_engine_is_loaded_and_has_read_a_text_before_the_bus_starts()
    {
        await using var host = await ServiceHost.StartAsync("classification-warm-up-test",
            new Dictionary<string, string?>(),
            b =>
            {
                b.Logging.AddFakeLogging();
                b.Logging.AddFilter(typeof(EngineWarmUp).FullName, LogLevel.Information);
                b.Logging.AddFilter("MassTransit", LogLevel.Information);
                b.AddClassification();
            },
            r => r.MapClassification());

        var records = host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        var warmedUp = records.ToList().FindIndex(r => r.Category == typeof(EngineWarmUp).FullName);
        var busStarted = records.ToList().FindIndex(r => r.Message.StartsWith("Bus started", StringComparison.Ordinal));
        Assert.True(warmedUp >= 0, "no warm-up was logged while the host started");
        Assert.Contains("default-", records[warmedUp].Message, StringComparison.Ordinal);
        Assert.True(busStarted > warmedUp, $"the bus started (record {busStarted}) before the engine was warmed up (record {warmedUp})");
    }

    [Fact]
    public async Task A_service_does_not_start_on_an_encoder_model_it_cannot_load()
    {
        var directory = Directory.CreateTempSubdirectory("moderation-broken-encoder-").FullName;
        try
        {
            // A file of the published model's name and size, as a failed copy might leave it: the
            // service reuses such a file, so only loading it can find it broken.
            var published = EncoderModelFiles.ModelPath(directory);
            await File.WriteAllBytesAsync(published, new byte[new FileInfo(published).Length]);

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => ServiceHost.StartAsync("classification-broken-encoder-test",
                new Dictionary<string, string?> { ["Classification:Encoder:ModelDirectory"] = directory },
                b => b.AddClassification(), r => r.MapClassification()));

            Assert.Contains(directory, error.Message, StringComparison.Ordinal);
            Assert.Contains("delete them", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
