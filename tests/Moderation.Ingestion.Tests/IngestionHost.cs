using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Client;
using Moderation.Contracts;
using Moderation.Messaging;
using Moderation.Testing;

namespace Moderation.Ingestion.Tests;

/// <summary>What a downstream service would see of ingestion's events, alone or in batch messages.</summary>
public sealed class PublishedSubmissions
{
    /// <summary>Every submission published, once per event or batch item that carried it.</summary>
    public ConcurrentQueue<Guid> SubmissionIds { get; } = new();

    /// <summary>The submissions published alone, as <see cref="ArticleSubmitted"/> or <see cref="CommentSubmitted"/>.</summary>
    public ConcurrentQueue<Guid> PublishedAlone { get; } = new();

    public ConcurrentQueue<BatchSubmitted> Batches { get; } = new();

    public int CountOf(Guid submissionId) => SubmissionIds.Count(id => id == submissionId);
}

public sealed class ArticleSubmittedRecorder(PublishedSubmissions published) : IConsumer<ArticleSubmitted>
{
    public Task Consume(ConsumeContext<ArticleSubmitted> context)
    {
        published.PublishedAlone.Enqueue(context.Message.SubmissionId);
        published.SubmissionIds.Enqueue(context.Message.SubmissionId);
        return Task.CompletedTask;
    }
}

public sealed class CommentSubmittedRecorder(PublishedSubmissions published) : IConsumer<CommentSubmitted>
{
    public Task Consume(ConsumeContext<CommentSubmitted> context)
    {
        published.PublishedAlone.Enqueue(context.Message.SubmissionId);
        published.SubmissionIds.Enqueue(context.Message.SubmissionId);
        return Task.CompletedTask;
    }
}

public sealed class BatchSubmittedRecorder(PublishedSubmissions published) : IConsumer<BatchSubmitted>
{
    public Task Consume(ConsumeContext<BatchSubmitted> context)
    {
        published.Batches.Enqueue(context.Message);
        foreach (var id in context.Message.Articles.Select(a => a.SubmissionId).Concat(context.Message.Comments.Select(c => c.SubmissionId)))
        {
            published.SubmissionIds.Enqueue(id);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Ingestion on its own in a host, with a downstream recorder of the events it publishes.</summary>
public static class IngestionHost
{
    public const string RecorderQueue = "ingestion-tests-downstream";

    public static Task<ServiceHost> StartAsync(IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimit:PermitsPerWindow"] = "100000",
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return ServiceHost.StartAsync("ingestion-test", settings, b =>
        {
            b.AddIngestion();
            b.Services.AddSingleton<PublishedSubmissions>();
            b.Services.AddModerationConsumers(RecorderQueue, bus =>
            {
                bus.AddConsumer<ArticleSubmittedRecorder>().Endpoint(e => e.Name = RecorderQueue);
                bus.AddConsumer<CommentSubmittedRecorder>().Endpoint(e => e.Name = RecorderQueue);
                bus.AddConsumer<BatchSubmittedRecorder>().Endpoint(e => e.Name = RecorderQueue);
            });
        }, r => r.MapIngestion());
    }

    public static HttpClient Http(this ServiceHost host, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(host);
        var http = host.Http();
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }
}

/// <summary>A test class with an ingestion host of its own, configured by <see cref="Configuration"/>.</summary>
public abstract class IngestionHostTest : IAsyncLifetime
{
    protected ServiceHost Host { get; private set; } = null!;

    protected IIngestionApi Api { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Host = await IngestionHost.StartAsync(Configuration);
        Api = Host.Client<IIngestionApi>(TestKeys.Submitter);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
