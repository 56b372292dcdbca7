using System.Diagnostics;
using System.Globalization;

namespace Moderation.LoadDriver;

/// <summary>What one watched process (a service, the broker) spent of the CPU while the driver submitted.</summary>
public sealed record ProcessCpuFigure(double Cores, double MsPerSubmission);

/// <summary>
/// The CPU time of the processes named with <c>--process name=pid</c> and of the driver itself, read at the start and the end
/// of the measured phase, so a run says where the machine's cores went while it was under load
/// (the warm-up, the broker baseline and the drain left out).
/// </summary>
public sealed class ProcessCpu
{
    private readonly IReadOnlyList<(string Name, int Pid)> _processes;
    private Dictionary<string, TimeSpan> _atStart = [];

    private ProcessCpu(IReadOnlyList<(string Name, int Pid)> processes) => _processes = processes;

    public static bool IsSpec(string spec) => TrySplit(spec, out _, out _);

    /// <summary>Reads <c>name=pid</c> pairs (checked by <see cref="IsSpec"/> first).</summary>
    public static ProcessCpu Parse(IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var processes = new List<(string, int)>();
        foreach (var spec in specs)
        {
            if (!TrySplit(spec, out var name, out var pid))
            {
                throw new ArgumentException($"--process takes name=pid, not \"{spec}\".", nameof(specs));
            }

            processes.Add((name, pid));
        }

        processes.Add(("driver", Environment.ProcessId));
        return new ProcessCpu(processes);
    }

    private static bool TrySplit(string spec, out string name, out int pid)
    {
        var parts = spec.Split('=', 2);
        name = parts[0];
        pid = 0;
        return parts.Length == 2 && name.Length > 0 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out pid) && pid > 0;
    }

    public void Start() => _atStart = Read();

    /// <summary>Cores used by each process since <see cref="Start"/>, and its CPU milliseconds per accepted submission.</summary>
    public IReadOnlyDictionary<string, ProcessCpuFigure> Stop(TimeSpan elapsed, int accepted)
    {
        var atEnd = Read();
        return atEnd.Where(p => _atStart.ContainsKey(p.Key)).ToDictionary(
            p => p.Key,
            p =>
            {
                var used = p.Value - _atStart[p.Key];
                return new ProcessCpuFigure(
                    Math.Round(used / elapsed, 2),
                    accepted == 0 ? double.NaN : Math.Round(used.TotalMilliseconds / accepted, 2));
            });
    }

    /// <summary>CPU time so far of every watched process still running.</summary>
    private Dictionary<string, TimeSpan> Read()
    {
        var times = new Dictionary<string, TimeSpan>();
        foreach (var (name, pid) in _processes)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                times[name] = process.TotalProcessorTime;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // The process has ended; it has no figure for this run.
            }
        }

        return times;
    }
}
