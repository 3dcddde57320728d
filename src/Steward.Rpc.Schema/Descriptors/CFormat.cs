using System;
using System.Globalization;
using System.Text;

namespace Steward.Rpc.Schema.Descriptors;

/// <summary>
/// The number and string spellings of protobuf's C++ library, so Steward's text format matches
/// <c>protoc --decode</c> and its descriptors' default values match protoc's, character for character.
/// </summary>
public static class CFormat
{
    /// <summary>protobuf's SimpleDtoa: <c>%.15g</c>, or <c>%.17g</c> when 15 digits do not round-trip.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        var shortForm = G(value, 15);
        return double.Parse(shortForm, CultureInfo.InvariantCulture) == value ? shortForm : G(value, 17);
    }

    /// <summary>protobuf's SimpleFtoa: <c>%.6g</c>, or <c>%.9g</c> when 6 digits do not round-trip.</summary>
    public static string Float(float value)
    {
        if (float.IsNaN(value))
        {
            return "nan";
        }
        if (float.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        var shortForm = G(value, 6);
        return float.Parse(shortForm, CultureInfo.InvariantCulture) == value ? shortForm : G(value, 9);
    }

    /// <summary>C's <c>printf("%.{precision}g")</c> for a finite value.</summary>
    /// <param name="value">A finite number.</param>
    /// <param name="precision">Significant digits, at least 1.</param>
    public static string G(double value, int precision)
    {
        // "E" formatting rounds correctly to the requested significant digits; %g is then a
        // matter of choosing fixed or scientific notation from the rounded exponent.
        var e = value.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var negative = e[0] == '-';
        var body = negative ? e.Substring(1) : e;
        var ePos = body.IndexOf('E');
        var digits = body.Substring(0, ePos).Replace(".", "");
        var exponent = int.Parse(body.Substring(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var sb = new StringBuilder(32);
        if (negative)
        {
            sb.Append('-');
        }
        if (exponent < -4 || exponent >= precision)
        {
            var mantissa = digits.TrimEnd('0');
            sb.Append(mantissa[0]);
            if (mantissa.Length > 1)
            {
                sb.Append('.').Append(mantissa, 1, mantissa.Length - 1);
            }
            sb.Append('e').Append(exponent < 0 ? '-' : '+');
            var magnitude = Math.Abs(exponent);
            if (magnitude < 10)
            {
                sb.Append('0');
            }
            sb.Append(magnitude.ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }
        if (exponent < 0)
        {
            sb.Append("0.").Append('0', -exponent - 1).Append(digits.TrimEnd('0'));
            return sb.ToString();
        }
        var integerPart = digits.Substring(0, exponent + 1);
        var fraction = digits.Substring(exponent + 1).TrimEnd('0');
        sb.Append(integerPart);
        if (fraction.Length > 0)
        {
            sb.Append('.').Append(fraction);
        }
        return sb.ToString();
    }

    /// <summary>protobuf's CEscape: quotes, backslash and \n \r \t by name, other non-printable bytes in octal.</summary>
    /// <param name="bytes">The bytes to escape (UTF-8 for a string).</param>
    /// <param name="sb">Receives the escaped text, without surrounding quotes.</param>
    public static void Escape(byte[] bytes, StringBuilder sb)
    {
        if (bytes is null)
        {
            throw new ArgumentNullException(nameof(bytes));
        }
        if (sb is null)
        {
            throw new ArgumentNullException(nameof(sb));
        }
        foreach (var b in bytes)
        {
            switch (b)
            {
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\'': sb.Append("\\'"); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                default:
                    if (b < 0x20 || b >= 0x7F)
                    {
                        sb.Append('\\')
                            .Append((char)('0' + (b >> 6)))
                            .Append((char)('0' + ((b >> 3) & 7)))
                            .Append((char)('0' + (b & 7)));
                    }
                    else
                    {
                        sb.Append((char)b);
                    }
                    break;
            }
        }
    }
}
