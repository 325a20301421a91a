using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Commerce.TestBuildingBlocks;

/// <summary>
/// The built service (<c>src/Commerce.Api/bin/…/Commerce.Api.dll</c>) as a child process on a free loopback port,
/// with its own SQLite file and key directory. Disposing kills it if it still runs and removes its folder.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly bool _ownsDirectory;
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];

    private ServiceProcess(Process process, string directory, Uri baseAddress, bool ownsDirectory)
    {
        _process = process;
        Directory = directory;
        BaseAddress = baseAddress;
        _ownsDirectory = ownsDirectory;
    }

    /// <summary>The folder of the database file and the keys.</summary>
    public string Directory { get; }
    public Uri BaseAddress { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public string StandardOutput { get { lock (_stdout) return _stdout.ToString(); } }
    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>The service's dll, built with the same configuration as the tests.</summary>
    public static string ApiDll
    {
        get
        {
            var here = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
            var configuration = here.Parent?.Name ?? "Debug"; // …/bin/<Configuration>/net10.0/
            var root = here;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Commerce.sln")))
                root = root.Parent;
            if (root is null)
                throw new InvalidOperationException("Commerce.sln not found above " + AppContext.BaseDirectory);
            return Path.Combine(root.FullName, "src", "Commerce.Api", "bin", configuration, "net10.0", "Commerce.Api.dll");
        }
    }

    /// <param name="settings">Environment-style settings (<c>Payments__GatewayTimeoutSeconds</c>).</param>
    /// <param name="directory">Reuse the folder (database and keys) of an earlier process: a restart.</param>
    public static ServiceProcess Start(IReadOnlyDictionary<string, string>? settings = null, string? directory = null)
    {
        var ownsDirectory = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), "commerce-tests", "process-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var dll = ApiDll;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Urls"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ConnectionStrings__Commerce"] = $"Data Source={Path.Combine(directory, "commerce.db")}";
        start.Environment["Auth__KeyDirectory"] = Path.Combine(directory, "keys");
        start.Environment["Limits__TokenRequestsPerIpPerMinute"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(process, directory, baseAddress, ownsDirectory);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) service.Received(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (service._stderr) service._stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    private void Received(string line)
    {
        lock (_stdout)
        {
            _stdout.AppendLine(line);
            foreach (var (text, seen) in _awaited)
                if (line.Contains(text, StringComparison.Ordinal))
                    seen.TrySetResult();
        }
    }

    /// <summary>
    /// Until the service writes <paramref name="text"/> on its standard output (already written counts): woken by the line
    /// itself, not by polling. Fails when the process exits first or <paramref name="limit"/> passes.
    /// </summary>
    public async Task WaitForOutputAsync(string text, TimeSpan limit)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_stdout)
        {
            if (_stdout.ToString().Contains(text, StringComparison.Ordinal))
                return;
            _awaited.Add((text, seen));
        }
        using var timeout = new CancellationTokenSource(limit);
        var exited = _process.WaitForExitAsync(timeout.Token);
        try
        {
            if (await Task.WhenAny(seen.Task, exited) == seen.Task)
                return;
        }
        finally
        {
            lock (_stdout)
                _awaited.RemoveAll(a => a.Seen == seen);
        }
        if (_process.HasExited)
            throw new InvalidOperationException($"the service exited before writing '{text}': {StandardError}{StandardOutput}");
        throw new TimeoutException($"the service did not write '{text}' within {limit}: {StandardOutput}{StandardError}");
    }

    /// <summary>Polls <c>/health/live</c> until it answers 200; fails when the process exits or the time is up.</summary>
    public async Task WaitUntilLiveAsync(TimeSpan? limit = null)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the service exited with {_process.ExitCode}: {StandardError}{StandardOutput}");
            try
            {
                using var response = await http.GetAsync("health/live");
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the service did not come up: " + StandardOutput + StandardError);
    }

    /// <summary>The exit code; the process is killed (and the test fails) when it outlives <paramref name="limit"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"the service did not exit within {limit}");
        }
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as systemd or a container runtime sends it.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(5000);
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        if (_ownsDirectory)
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>A loopback port nobody listens on (at the time of asking).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A JSON:API client for this process's /api with a token of the demo integration.</summary>
    public async Task<JsonApiClient> CreateApiClientAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.IntegrationId, ["client_secret"] = CommerceFactory.IntegrationSecret,
        }));
        var body = await response.Content.ReadAsStringAsync();
        var token = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString();
        var api = new HttpClient { BaseAddress = new Uri(BaseAddress, "api/"), Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return new JsonApiClient(api);
    }
}
