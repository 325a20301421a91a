using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Commerce.IntegrationTests.Infrastructure;

/// <summary>Keeps every log entry of the service as text: category, message, every state value, scopes and the exception.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>Every entry as one text, for grepping.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => e.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder();
            text.Append(category).Append(' ').Append(logLevel).Append(' ').Append(formatter(state, exception));
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values[key] = value;
                    text.Append(" | ").Append(key).Append('=').Append(value);
                }
            }
            provider._scopes.ForEachScope((scope, builder) => builder.Append(" | scope=").Append(scope is IEnumerable<KeyValuePair<string, object>> kv
                ? string.Join(",", kv.Select(p => $"{p.Key}={p.Value}")) : scope), text);
            if (exception is not null)
                text.Append('\n').Append(exception);
            provider._entries.Enqueue(new CapturedLog(category, logLevel, eventId, values, text.ToString()));
        }
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, IReadOnlyDictionary<string, object?> Values, string Text);
