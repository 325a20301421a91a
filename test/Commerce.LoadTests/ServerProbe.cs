using System.Globalization;

namespace Commerce.LoadTests;

public sealed record ServerSample(double RssMb, double PeakRssMb, double CpuSeconds);

/// <summary>
/// The server process's memory and CPU from /proc: VmRSS and VmHWM (peak resident set) of
/// /proc/&lt;pid&gt;/status, utime + stime of /proc/&lt;pid&gt;/stat (in clock ticks; 100 per second on Linux).
/// </summary>
public sealed class ServerProbe(int pid)
{
    private const double TicksPerSecond = 100;

    public int Pid { get; } = pid;

    public ServerSample Sample()
    {
        double rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = Kilobytes(line) / 1024;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                hwm = Kilobytes(line) / 1024;
        }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ServerSample(rss, hwm, ticks / TicksPerSecond);
    }

    private static double Kilobytes(string line) =>
        double.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
