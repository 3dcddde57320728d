using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Steward.Kube.Client;

namespace Steward.Kube.Events;

/// <summary>Records core/v1 Events about objects, like client-go's EventRecorder.</summary>
public interface IEventRecorder
{
    /// <summary>Records an event of type Normal or Warning; returns at once, the write happens in the background.</summary>
    void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message);
}

/// <summary>Event types.</summary>
public static class EventTypes
{
    /// <summary>Normal.</summary>
    public const string Normal = "Normal";

    /// <summary>Warning.</summary>
    public const string Warning = "Warning";
}

/// <summary>
/// Writes Events in the background; a repeat of the same (object, type, reason, message) updates the
/// existing Event's count and lastTimestamp instead of creating another, as client-go's correlator does.
/// </summary>
public sealed class EventRecorder : IEventRecorder, IAsyncDisposable
{
    private const int QueueCapacity = 1000;
    private const int MaxSeries = 4096;
    private readonly IKubeClient _client;
    private readonly string _component;
    private readonly ILogger _logger;
    private readonly Channel<Corev1Event> _pending = Channel.CreateBounded<Corev1Event>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<string, Corev1Event> _seen = new(StringComparer.Ordinal);
    private readonly Task _writer;

    /// <summary>Creates a recorder whose events name <paramref name="component"/> as their source.</summary>
    public EventRecorder(IKubeClient client, string component, ILogger? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _component = component ?? throw new ArgumentNullException(nameof(component));
        _logger = logger ?? NullLogger.Instance;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <inheritdoc />
    public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        var now = DateTime.UtcNow;
        var meta = regarding.Metadata;
        var ev = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                Name = (meta?.Name ?? "unknown") + "." + now.Ticks.ToString("x", CultureInfo.InvariantCulture),
                NamespaceProperty = string.IsNullOrEmpty(meta?.NamespaceProperty) ? "default" : meta.NamespaceProperty,
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = regarding.ApiVersion,
                Kind = regarding.Kind,
                Name = meta?.Name,
                NamespaceProperty = meta?.NamespaceProperty,
                Uid = meta?.Uid,
                ResourceVersion = meta?.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = _component },
            ReportingComponent = _component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        if (!_pending.Writer.TryWrite(ev))
        {
            _logger.LogDebug("event queue full; dropped {Reason} for {Name}", reason, meta?.Name);
        }
    }

    /// <summary>Waits until every event recorded so far has been written (or failed).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        while (_pending.Reader.Count > 0)
        {
            await Task.Delay(10, ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var ev in _pending.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var key = $"{ev.InvolvedObject.Uid}|{ev.InvolvedObject.Kind}|{ev.InvolvedObject.NamespaceProperty}|{ev.InvolvedObject.Name}|{ev.Type}|{ev.Reason}|{ev.Message}";
            if (_seen.Count > MaxSeries)
            {
                _seen.Clear(); // bounded memory: the oldest series simply start over
            }

            try
            {
                if (_seen.TryGetValue(key, out var existing))
                {
                    existing.Count = (existing.Count ?? 1) + 1;
                    existing.LastTimestamp = ev.LastTimestamp;
                    try
                    {
                        _seen[key] = await _client.UpdateAsync(existing).ConfigureAwait(false);
                        continue;
                    }
                    catch (KubeApiException e) when (e.IsNotFound || e.IsConflict)
                    {
                        // Expired or edited elsewhere: start a new series.
                        _seen.TryRemove(key, out _);
                    }
                }

                _seen[key] = await _client.CreateAsync(ev).ConfigureAwait(false);
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException or OperationCanceledException)
            {
                _logger.LogWarning(e, "could not write event {Reason} for {Name}", ev.Reason, ev.InvolvedObject.Name);
            }
        }
    }
}
