using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Moderation.Messaging;

/// <summary>An event whose record is stored but not yet marked as published.</summary>
public sealed record PendingEvent(string Key, object Message);
