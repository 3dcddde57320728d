using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Steward.Kube.Metrics;

/// <summary>A Prometheus metric family: name, help, type and labelled children.</summary>
public abstract class MetricFamily
{
    private protected MetricFamily(string name, string help, string type, string[] labelNames)
    {
        Name = name;
        Help = help;
        Type = type;
        LabelNames = labelNames;
    }

    /// <summary>The metric name.</summary>
    public string Name { get; }

    /// <summary>The HELP text.</summary>
    public string Help { get; }

    /// <summary>counter, gauge or histogram.</summary>
    public string Type { get; }

    /// <summary>Label names, in order.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    internal abstract void Write(StringBuilder sb);

    private protected string LabelText(string[] values, string? extraName = null, string? extraValue = null)
    {
        if (values.Length == 0 && extraName is null)
        {
            return string.Empty;
        }

        var sb = new StringBuilder("{");
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(LabelNames[i]).Append("=\"").Append(Escape(values[i])).Append('"');
        }

        if (extraName is not null)
        {
            if (values.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(extraName).Append("=\"").Append(extraValue).Append('"');
        }

        return sb.Append('}').ToString();
    }

    private protected static string Format(double v) =>
        double.IsPositiveInfinity(v) ? "+Inf" : v.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string v) => v.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private protected static string Key(string[] values) => string.Join('\u0001', values);
}

/// <summary>A monotonically increasing counter (or a gauge when <c>isGauge</c>).</summary>
public sealed class Counter : MetricFamily
{
    private readonly ConcurrentDictionary<string, (string[] Labels, double[] Cell)> _children = new();

    internal Counter(string name, string help, string[] labels, bool isGauge)
        : base(name, help, isGauge ? "gauge" : "counter", labels)
    {
    }

    /// <summary>Adds <paramref name="delta"/> to the child with these label values.</summary>
    public void Add(double delta, params string[] labelValues)
    {
        var cell = _children.GetOrAdd(Key(labelValues), _ => (labelValues, new double[1])).Cell;
        lock (cell)
        {
            cell[0] += delta;
        }
    }

    /// <summary>Adds one.</summary>
    public void Inc(params string[] labelValues) => Add(1, labelValues);

    /// <summary>Sets a gauge child.</summary>
    public void Set(double value, params string[] labelValues)
    {
        var cell = _children.GetOrAdd(Key(labelValues), _ => (labelValues, new double[1])).Cell;
        lock (cell)
        {
            cell[0] = value;
        }
    }

    /// <summary>The current value of a child (0 when never touched).</summary>
    public double Value(params string[] labelValues)
    {
        if (!_children.TryGetValue(Key(labelValues), out var c))
        {
            return 0;
        }

        lock (c.Cell)
        {
            return c.Cell[0];
        }
    }

    internal override void Write(StringBuilder sb)
    {
        foreach (var (labels, cell) in _children.Values)
        {
            double v;
            lock (cell)
            {
                v = cell[0];
            }

            sb.Append(Name).Append(LabelText(labels)).Append(' ').Append(Format(v)).Append('\n');
        }
    }
}

/// <summary>A histogram with fixed upper bounds.</summary>
public sealed class Histogram : MetricFamily
{
    private readonly double[] _bounds;
    private readonly ConcurrentDictionary<string, (string[] Labels, Cell Cell)> _children = new();

    internal Histogram(string name, string help, string[] labels, double[] bounds)
        : base(name, help, "histogram", labels) => _bounds = bounds;

    /// <summary>Records one observation.</summary>
    public void Observe(double value, params string[] labelValues)
    {
        var cell = _children.GetOrAdd(Key(labelValues), _ => (labelValues, new Cell(_bounds.Length))).Cell;
        lock (cell)
        {
            for (var i = 0; i < _bounds.Length; i++)
            {
                if (value <= _bounds[i])
                {
                    cell.Buckets[i]++;
                }
            }

            cell.Count++;
            cell.Sum += value;
        }
    }

    /// <summary>Number of observations of a child.</summary>
    public long Count(params string[] labelValues) =>
        _children.TryGetValue(Key(labelValues), out var c) ? c.Cell.Count : 0;

    internal override void Write(StringBuilder sb)
    {
        foreach (var (labels, cell) in _children.Values)
        {
            lock (cell)
            {
                for (var i = 0; i < _bounds.Length; i++)
                {
                    sb.Append(Name).Append("_bucket").Append(LabelText(labels, "le", Format(_bounds[i]))).Append(' ')
                        .Append(cell.Buckets[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
                }

                sb.Append(Name).Append("_bucket").Append(LabelText(labels, "le", "+Inf")).Append(' ')
                    .Append(cell.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
                sb.Append(Name).Append("_sum").Append(LabelText(labels)).Append(' ').Append(Format(cell.Sum)).Append('\n');
                sb.Append(Name).Append("_count").Append(LabelText(labels)).Append(' ')
                    .Append(cell.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
    }

    private sealed class Cell(int n)
    {
        public long[] Buckets { get; } = new long[n];

        public long Count { get; set; }

        public double Sum { get; set; }
    }
}

/// <summary>A set of metric families rendered in the Prometheus text format 0.0.4.</summary>
public sealed class MetricsRegistry
{
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);

    /// <summary>The content type of <see cref="Render"/>'s output.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Gets or creates a counter.</summary>
    public Counter Counter(string name, string help, params string[] labels) =>
        (Counter)_families.GetOrAdd(name, _ => new Counter(name, help, labels, isGauge: false));

    /// <summary>Gets or creates a gauge.</summary>
    public Counter Gauge(string name, string help, params string[] labels) =>
        (Counter)_families.GetOrAdd(name, _ => new Counter(name, help, labels, isGauge: true));

    /// <summary>Gets or creates a histogram.</summary>
    public Histogram Histogram(string name, string help, double[] buckets, params string[] labels) =>
        (Histogram)_families.GetOrAdd(name, _ => new Histogram(name, help, labels, buckets));

    /// <summary>Exponential bucket bounds: start, start*factor, … (count of them).</summary>
    public static double[] ExponentialBuckets(double start, double factor, int count)
    {
        var b = new double[count];
        for (var i = 0; i < count; i++)
        {
            b[i] = start * Math.Pow(factor, i);
        }

        return b;
    }

    /// <summary>The text exposition of every family.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        foreach (var f in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            sb.Append("# HELP ").Append(f.Name).Append(' ').Append(f.Help).Append('\n');
            sb.Append("# TYPE ").Append(f.Name).Append(' ').Append(f.Type).Append('\n');
            f.Write(sb);
        }

        return sb.ToString();
    }
}
