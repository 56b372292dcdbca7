using System.Diagnostics;

namespace Moderation.LoadDriver.Tests;

/// <summary>The driver's CPU figures say which process used the cores while it measured.</summary>
[Collection(BusyMachineCollection.Name)]
public sealed class ProcessCpuTests
{
    [Fact]
    public async Task A_process_that_spins_shows_about_a_core_and_one_that_sleeps_shows_none()
    {
        using var spinning = Start("-c", "while :; do :; done");
        using var sleeping = Start("-c", "sleep 30");
        try
        {
            var cpu = ProcessCpu.Parse([$"spinning={spinning.Id}", $"sleeping={sleeping.Id}"]);
            var clock = Stopwatch.StartNew();
            cpu.Start();
            await Task.Delay(TimeSpan.FromSeconds(2));

            var figures = cpu.Stop(clock.Elapsed, accepted: 100);

            // A busy machine may give the spinner less than its core: it must still stand out.
            Assert.InRange(figures["spinning"].Cores, 0.3, 1.1);
            Assert.InRange(figures["sleeping"].Cores, 0, 0.05);
            Assert.Equal(figures["spinning"].Cores * clock.Elapsed.TotalMilliseconds / 100, figures["spinning"].MsPerSubmission, 0.5);
            Assert.Contains("driver", figures.Keys);
        }
        finally
        {
            spinning.Kill();
            sleeping.Kill();
        }
    }

    [Theory]
    [InlineData("ingestion=123", true)]
    [InlineData("ingestion-1=4567", true)]
    [InlineData("ingestion", false)]
    [InlineData("=123", false)]
    [InlineData("ingestion=abc", false)]
    [InlineData("ingestion=-5", false)]
    [InlineData("ingestion=0", false)]
    public void A_process_is_named_as_name_equals_pid(string spec, bool valid)
    {
        Assert.Equal(valid, ProcessCpu.IsSpec(spec));
        if (!valid)
        {
            Assert.Throws<ArgumentException>(() => ProcessCpu.Parse([spec]));
        }
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("/bin/sh");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
