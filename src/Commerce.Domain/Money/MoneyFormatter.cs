using System.Globalization;
using System.Text;

namespace Commerce.Domain.Money;

/// <summary>
/// Formats minor units for the wire: <c>formatted_X</c> and <c>X_float</c>. The digits are built from
/// integers; the culture of the order's language only supplies the decimal and group separators.
/// The currency symbol always comes first with no space (Commerce Layer style), the minus sign before
/// the symbol: <c>€843,00</c> (EUR/it), <c>$1,234.50</c> (USD/en), <c>¥1,235</c> (JPY), <c>-€84,30</c>.
/// </summary>
public static class MoneyFormatter
{
    public static string Format(long cents, string currencyCode, string? languageCode)
    {
        var currency = Currencies.Get(currencyCode);
        var numbers = NumberFormatFor(languageCode);

        // Work on the magnitude as an unsigned value so long.MinValue does not overflow.
        var negative = cents < 0;
        var magnitude = negative ? (ulong)(-(cents + 1)) + 1 : (ulong)cents;
        var factor = (ulong)currency.Factor;
        var whole = magnitude / factor;
        var fraction = magnitude % factor;

        var builder = new StringBuilder();
        if (negative)
            builder.Append(numbers.NegativeSign);
        builder.Append(currency.Symbol);
        AppendGrouped(builder, whole, numbers.NumberGroupSeparator);
        if (currency.MinorUnits > 0)
        {
            builder.Append(numbers.NumberDecimalSeparator);
            builder.Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(currency.MinorUnits, '0'));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The <c>X_float</c> value: <c>(decimal)cents / 10^minor</c>, converted to <see cref="double"/> once,
    /// at the edge. Never used for arithmetic.
    /// </summary>
    public static double ToFloat(long cents, string currencyCode)
    {
        var currency = Currencies.Get(currencyCode);
        return (double)((decimal)cents / currency.Factor);
    }

    private static NumberFormatInfo NumberFormatFor(string? languageCode)
    {
        if (string.IsNullOrWhiteSpace(languageCode))
            return NumberFormatInfo.InvariantInfo;
        try
        {
            return CultureInfo.GetCultureInfo(languageCode).NumberFormat;
        }
        catch (CultureNotFoundException)
        {
            return NumberFormatInfo.InvariantInfo;
        }
    }

    private static void AppendGrouped(StringBuilder builder, ulong whole, string separator)
    {
        var digits = whole.ToString(CultureInfo.InvariantCulture);
        var first = digits.Length % 3;
        if (first == 0)
            first = 3;
        builder.Append(digits, 0, first);
        for (var i = first; i < digits.Length; i += 3)
        {
            builder.Append(separator);
            builder.Append(digits, i, 3);
        }
    }
}
