using Commerce.ReliabilityTests.Infrastructure;

namespace Commerce.ReliabilityTests;

/// <summary>Prints the figures of the whole run when it ends (to the progress output and to <see cref="Figures.FilePath"/>).</summary>
[SetUpFixture]
public sealed class ReliabilitySuite
{
    [OneTimeSetUp]
    public void Start()
    {
        if (File.Exists(Figures.FilePath))
            File.Delete(Figures.FilePath);
    }

    [OneTimeTearDown]
    public void Print()
    {
        var summary = Figures.Summary();
        File.WriteAllText(Figures.FilePath, summary);
        TestContext.Progress.Write(summary);
    }
}
