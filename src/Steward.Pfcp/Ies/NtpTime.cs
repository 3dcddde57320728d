namespace Steward.Pfcp.Ies;

/// <summary>
/// A time as PFCP carries it (Recovery Time Stamp, Start Time, End Time): whole seconds since
/// 1900-01-01 UTC in 32 bits, the NTP format of IETF RFC 5905 §6. The count wraps in February 2036;
/// as RFC 5905 (and RFC 4330 §3) advise, a value with the top bit clear is read as after the wrap.
/// </summary>
/// <param name="Seconds">The 32-bit value on the wire.</param>
public readonly record struct NtpTime(uint Seconds)
{
    private static readonly DateTimeOffset Era0 = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Era1 = Era0.AddSeconds(4294967296.0);

    /// <summary>The first time the 32-bit value stands for: the top bit set, in era 0 (1968-01-20 03:14:08 UTC).</summary>
    public static DateTimeOffset Earliest { get; } = Era0.AddSeconds(2147483648.0);

    /// <summary>The wire value of <paramref name="time"/>, to the second below; it must fall in the 136 years from <see cref="Earliest"/>.</summary>
    public static NtpTime FromDateTimeOffset(DateTimeOffset time)
    {
        if (time < Earliest || time >= Earliest.AddSeconds(4294967296.0))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "a 32-bit NTP time read with RFC 5905's era rule covers 1968-01-20 to 2104-02-26");
        }

        var era = time >= Era1 ? Era1 : Era0;
        return new NtpTime((uint)Math.Floor((time - era).TotalSeconds));
    }

    /// <summary>Now, to the second.</summary>
    public static NtpTime Now => FromDateTimeOffset(DateTimeOffset.UtcNow);

    /// <summary>The UTC time this value stands for.</summary>
    public DateTimeOffset ToDateTimeOffset() => ((Seconds & 0x8000_0000) != 0 ? Era0 : Era1).AddSeconds(Seconds);

    /// <inheritdoc/>
    public override string ToString() => ToDateTimeOffset().ToString("u", System.Globalization.CultureInfo.InvariantCulture);
}
