using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hive.Silo.Hosting;
using k8s;
using k8s.Models;

namespace Hive.Tests.Kubernetes;

/// <summary>
/// Renders k8s/ offline (a minimal kustomize, <see cref="Kustomize"/>), loads every object with the Kubernetes models
/// in strict mode, and checks the manifests against the silo they deploy: probe paths, ports, configuration keys,
/// secrets, graceful shutdown, hardening, and the dashboard's metric names.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class ManifestTests
{
    private static readonly string Root = RepositoryRoot.Path;
    private static readonly string K8s = Path.Combine(Root, "k8s");
    private static readonly Lazy<IReadOnlyList<Manifest>> BaseRendered = new(() => Kustomize.Render(Path.Combine(K8s, "base")));
    private static readonly Lazy<IReadOnlyList<Manifest>> ProductionRendered = new(() => Kustomize.Render(Path.Combine(K8s, "overlays", "production")));

    private const string Namespace = "hive";
    private const string SecretName = "hive-secrets";
    private static readonly string[] SecretKeys = ["postgres-connection", "redis-connection", "admin-token"];

    /// <summary>The namespace labels that admit clients to the gateway and scrapers to the HTTP port (k8s/README.md).</summary>
    private const string GatewayAccessLabel = "hive.io/gateway-access";
    private const string MetricsAccessLabel = "hive.io/metrics-access";

    [Fact]
    public void Base_renders_the_expected_objects_and_each_loads_strictly()
    {
        var rendered = BaseRendered.Value;
        Assert.Equal(
            ["ConfigMap/hive-silo", "Deployment/hive-silo", "Namespace/hive", "NetworkPolicy/hive-default-deny", "NetworkPolicy/hive-silo", "PodDisruptionBudget/hive-silo", "Service/hive-gateway", "Service/hive-http", "ServiceAccount/hive-silo"],
            rendered.Select(m => $"{m.Kind}/{m.Name}").Order(StringComparer.Ordinal));
        Assert.All(rendered.Where(m => m.Kind != "Namespace"), m => Assert.Equal(Namespace, ((IMetadata<V1ObjectMeta>)m.Object).Metadata.NamespaceProperty));
        Assert.DoesNotContain(rendered, m => m.Object is V1Secret); // secrets are created by the operator, never rendered
    }

    [Fact]
    public void Production_overlay_renders_and_its_patches_are_valid_partial_objects()
    {
        var rendered = ProductionRendered.Value;
        Assert.Equal(BaseRendered.Value.Select(m => $"{m.Kind}/{m.Name}").Order(StringComparer.Ordinal), rendered.Select(m => $"{m.Kind}/{m.Name}").Order(StringComparer.Ordinal));
        var overlay = Path.Combine(K8s, "overlays", "production");
        var kustomization = Kustomize.ReadKustomization(Path.Combine(overlay, "kustomization.yaml"));
        Assert.NotEmpty(kustomization.Patches);
        foreach (var patch in kustomization.Patches)
            Assert.All(Kustomize.ReadDocuments(Path.Combine(overlay, patch.Path!)), node => Kustomize.Validate(patch.Path!, node));
    }

    [Theory]
    [InlineData("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true")]   // wrong case
    [InlineData("terminationGracePeriodSeconds:", "terminationGracePeriod:")]      // wrong name
    [InlineData("          livenessProbe:", "          livenesProbe:")]           // typo
    [InlineData("      containers:", "      container:")]                        // singular
    public void A_misspelled_field_fails_validation(string field, string typo)
    {
        var text = File.ReadAllText(Path.Combine(K8s, "base", "deployment.yaml"));
        Assert.Contains(field, text, StringComparison.Ordinal);
        var node = Kustomize.ParseDocuments(text.Replace(field, typo, StringComparison.Ordinal), "deployment.yaml").Single();
        Kustomize.Validate("deployment.yaml", Kustomize.ParseDocuments(text, "deployment.yaml").Single()); // the original loads
        var failure = Assert.Throws<InvalidOperationException>(() => Kustomize.Validate("deployment.yaml", node));
        Assert.Contains("not a valid Kubernetes object", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelled_kustomization_field_fails()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kustomization-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(K8s, "base", "kustomization.yaml")).Replace("resources:", "resource:", StringComparison.Ordinal));
        try
        {
            Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => Kustomize.ReadKustomization(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Probes_call_the_silo_endpoints_on_the_http_port()
    {
        var endpoints = SiloEndpoints.Resolve();
        foreach (var rendered in new[] { BaseRendered.Value, ProductionRendered.Value })
        {
            var silo = SiloContainer(rendered);
            var httpPort = Port(silo, "http");
            Assert.Equal(new Uri(Config(rendered)["Hive__Http__Urls"]).Port, httpPort);
            AssertProbe(silo.StartupProbe, endpoints.Startup, silo, httpPort, endpoints.Source);
            AssertProbe(silo.LivenessProbe, endpoints.Live, silo, httpPort, endpoints.Source);
            AssertProbe(silo.ReadinessProbe, endpoints.Ready, silo, httpPort, endpoints.Source);
        }
    }

    [Fact]
    public void Probe_timings_tolerate_migrations_restart_conservatively_and_drain_fast()
    {
        var silo = SiloContainer(BaseRendered.Value);
        Assert.True(Window(silo.StartupProbe) >= TimeSpan.FromMinutes(3), "the startup probe must allow minutes for schema migrations");
        Assert.True(Window(silo.LivenessProbe) >= TimeSpan.FromSeconds(45), "liveness must not restart a silo over one slow pause");
        Assert.True(Window(silo.ReadinessProbe) <= TimeSpan.FromSeconds(15), "readiness must take a sick silo out quickly");
        Assert.True(silo.ReadinessProbe.PeriodSeconds < silo.LivenessProbe.PeriodSeconds);
        Assert.All(new[] { silo.StartupProbe, silo.LivenessProbe, silo.ReadinessProbe }, p => Assert.True(p.TimeoutSeconds < p.PeriodSeconds));

        static TimeSpan Window(V1Probe probe) => TimeSpan.FromSeconds((probe.PeriodSeconds ?? 10) * (probe.FailureThreshold ?? 3));
    }

    [Fact]
    public void Container_ports_are_http_silo_and_gateway_and_match_the_configured_ports()
    {
        var rendered = BaseRendered.Value;
        var silo = SiloContainer(rendered);
        var config = Config(rendered);
        Assert.Equal([8080, 11111, 30000], silo.Ports.Select(p => p.ContainerPort).Order());
        Assert.Equal(new HiveSiloOptions().SiloPort, Port(silo, "silo"));
        Assert.Equal(new HiveSiloOptions().GatewayPort, Port(silo, "gateway"));
        Assert.Equal(int.Parse(config["Hive__Silo__SiloPort"], CultureInfo.InvariantCulture), Port(silo, "silo"));
        Assert.Equal(int.Parse(config["Hive__Silo__GatewayPort"], CultureInfo.InvariantCulture), Port(silo, "gateway"));
    }

    [Fact]
    public void Services_select_the_silo_pods_and_reach_named_ports()
    {
        var rendered = BaseRendered.Value;
        var deployment = Single<V1Deployment>(rendered);
        var podLabels = deployment.Spec.Template.Metadata.Labels;
        var silo = SiloContainer(rendered);
        var endpoints = SiloEndpoints.Resolve();
        var services = rendered.Select(m => m.Object).OfType<V1Service>().ToDictionary(s => s.Metadata.Name);
        foreach (var service in services.Values)
        {
            Assert.All(service.Spec.Selector, s => Assert.Equal(s.Value, podLabels[s.Key]));
            Assert.All(service.Spec.Ports, p => Assert.Contains(silo.Ports, c => c.Name == p.TargetPort.Value));
        }
        Assert.Equal(Port(silo, "gateway"), services["hive-gateway"].Spec.Ports.Single().Port);
        var http = services["hive-http"];
        Assert.Equal("true", http.Metadata.Annotations["prometheus.io/scrape"]);
        Assert.Equal(endpoints.Metrics, http.Metadata.Annotations["prometheus.io/path"]);
        Assert.Equal(Port(silo, "http").ToString(CultureInfo.InvariantCulture), http.Metadata.Annotations["prometheus.io/port"]);
        Assert.All(deployment.Spec.Selector.MatchLabels, s => Assert.Equal(s.Value, podLabels[s.Key]));
    }

    [Fact]
    public void Every_Hive_environment_variable_is_a_key_the_silo_binds()
    {
        var known = SiloConfigurationKeys.All();
        Assert.Contains("Hive:Silo:ClusterId", SiloConfigurationKeys.Reflected());          // the reflection finds options classes…
        Assert.Contains("Hive:RateLimits:Buckets:*:Burst", SiloConfigurationKeys.Reflected()); // …and walks into dictionaries
        foreach (var rendered in new[] { BaseRendered.Value, ProductionRendered.Value })
        {
            var names = EnvironmentNames(rendered).ToList();
            Assert.Contains("Hive__Silo__ClusterId", names);
            var unknown = names.Where(n => n.StartsWith("Hive__", StringComparison.OrdinalIgnoreCase))
                .Where(n => !SiloConfigurationKeys.Binds(known, SiloConfigurationKeys.KeyOf(n)))
                .ToList();
            Assert.True(unknown.Count == 0, $"Environment variables the silo does not bind: {string.Join(", ", unknown)}");
            Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }

        var env = SiloContainer(BaseRendered.Value).Env.ToDictionary(e => e.Name);
        Assert.Equal("metadata.name", env["Hive__Silo__SiloName"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", env["Hive__Silo__AdvertisedIP"].ValueFrom.FieldRef.FieldPath);
        var config = Config(BaseRendered.Value);
        Assert.Equal("Postgres", config["Hive__Storage__Mode"]);
        Assert.Equal("Redis", config["Hive__Clustering__Mode"]);
    }

    [Fact]
    public void Secrets_come_from_hive_secrets_and_the_example_is_never_applied()
    {
        var env = SiloContainer(BaseRendered.Value).Env;
        var fromSecret = env.Where(e => e.ValueFrom?.SecretKeyRef is not null).ToDictionary(e => e.Name, e => e.ValueFrom.SecretKeyRef);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Hive__Storage__ConnectionString"] = "postgres-connection",
                ["Hive__Clustering__RedisConnectionString"] = "redis-connection",
                ["Hive__Http__AdminToken"] = "admin-token",
            },
            fromSecret.ToDictionary(e => e.Key, e => e.Value.Key));
        Assert.All(fromSecret.Values, s => Assert.Equal(SecretName, s.Name));
        Assert.All(fromSecret.Values, s => Assert.NotEqual(true, s.Optional));
        Assert.DoesNotContain(env, e => e.Value is { } v && Regex.IsMatch(v, "password|token", RegexOptions.IgnoreCase));
        Assert.DoesNotContain(Config(BaseRendered.Value).Keys, k => k.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) || k.Contains("Token", StringComparison.OrdinalIgnoreCase));

        var exampleFile = Path.Combine(K8s, "base", "hive-secrets.example.yaml");
        var example = Assert.IsType<V1Secret>(KubernetesYaml.LoadAllFromString(File.ReadAllText(exampleFile), strict: true).Single());
        Assert.Equal(SecretName, example.Metadata.Name);
        Assert.Equal(SecretKeys.Order(StringComparer.Ordinal), example.StringData.Keys.Order(StringComparer.Ordinal));
        Assert.All(example.StringData.Values, v => Assert.Contains("CHANGE-ME", v, StringComparison.Ordinal));
        foreach (var dir in new[] { Path.Combine(K8s, "base"), Path.Combine(K8s, "overlays", "production") })
            Assert.DoesNotContain(Kustomize.ReadKustomization(Path.Combine(dir, "kustomization.yaml")).Resources, r => r.Contains("secret", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Ingress_is_denied_by_default_and_each_silo_port_admits_only_its_callers()
    {
        foreach (var rendered in new[] { BaseRendered.Value, ProductionRendered.Value })
        {
            var policies = rendered.Select(m => m.Object).OfType<V1NetworkPolicy>().ToDictionary(p => p.Metadata.Name);
            var deny = policies["hive-default-deny"].Spec;
            Assert.Empty(deny.PodSelector.MatchLabels ?? new Dictionary<string, string>());
            Assert.Null(deny.PodSelector.MatchExpressions);
            Assert.Equal(["Ingress"], deny.PolicyTypes);
            Assert.Null(deny.Ingress);

            var podLabels = Single<V1Deployment>(rendered).Spec.Template.Metadata.Labels;
            var silo = policies["hive-silo"].Spec;
            Assert.All(silo.PodSelector.MatchLabels, l => Assert.Equal(l.Value, podLabels[l.Key]));
            Assert.Equal(["Ingress"], silo.PolicyTypes);
            var container = SiloContainer(rendered);
            var rules = silo.Ingress.ToDictionary(r => Assert.Single(r.Ports).Port.Value);
            Assert.Equal(container.Ports.Select(p => p.Name).Order(StringComparer.Ordinal), rules.Keys.Order(StringComparer.Ordinal));
            Assert.All(silo.Ingress, r => Assert.Equal("TCP", r.Ports.Single().Protocol));

            var gateway = Assert.Single(rules["gateway"].FromProperty);
            Assert.Null(gateway.PodSelector);
            Assert.Equal(new Dictionary<string, string> { [GatewayAccessLabel] = "true" }, gateway.NamespaceSelector.MatchLabels);

            var peers = Assert.Single(rules["silo"].FromProperty);
            Assert.Null(peers.NamespaceSelector);   // this namespace only
            Assert.Equal(silo.PodSelector.MatchLabels, peers.PodSelector.MatchLabels);

            var http = Assert.Single(rules["http"].FromProperty);
            Assert.Equal(new Dictionary<string, string> { [MetricsAccessLabel] = "true" }, http.NamespaceSelector.MatchLabels);
        }
        var readme = File.ReadAllText(Path.Combine(K8s, "README.md"));
        Assert.Contains(GatewayAccessLabel, readme, StringComparison.Ordinal);
        Assert.Contains(MetricsAccessLabel, readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Signing_keys_and_tls_certificates_come_from_mounted_secret_folders()
    {
        foreach (var rendered in new[] { BaseRendered.Value, ProductionRendered.Value })
        {
            var pod = Single<V1Deployment>(rendered).Spec.Template.Spec;
            var silo = SiloContainer(rendered);
            var config = Config(rendered);
            string MountOf(string secret)
            {
                var volume = Assert.Single(pod.Volumes, v => v.Secret?.SecretName == secret);
                Assert.NotEqual(true, volume.Secret.Optional);
                Assert.Null(volume.Secret.Items);   // every key of the Secret, so added keys appear without a rollout
                var mount = Assert.Single(silo.VolumeMounts, m => m.Name == volume.Name);
                Assert.True(mount.ReadOnlyProperty);
                Assert.Null(mount.SubPath);          // a subPath mount would never see a rotated file
                return mount.MountPath;
            }

            Assert.Equal(MountOf("hive-signing-keys"), config["Hive__Security__KeysPath"]);
            var tls = MountOf("hive-tls");
            Assert.Equal("true", config["Hive__Tls__Enabled"]);
            Assert.Equal($"{tls}/tls.crt", config["Hive__Tls__CertificatePath"]);
            Assert.Equal($"{tls}/tls.key", config["Hive__Tls__KeyPath"]);
            Assert.Equal($"{tls}/ca.crt", config["Hive__Tls__CaPath"]);
        }

        var keys = Assert.IsType<V1Secret>(KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(K8s, "base", "hive-signing-keys.example.yaml")), strict: true).Single());
        Assert.Equal("hive-signing-keys", keys.Metadata.Name);
        Assert.All(keys.StringData.Keys, k => Assert.True(k.EndsWith(Hive.Security.SigningKeyLoader.SecretSuffix, StringComparison.Ordinal) || k.EndsWith(Hive.Security.SigningKeyLoader.PemSuffix, StringComparison.Ordinal), k));
        Assert.All(keys.StringData.Values, v => Assert.Contains("CHANGE-ME", v, StringComparison.Ordinal));
        var certificate = File.ReadAllText(Path.Combine(K8s, "base", "hive-certificate.example.yaml"));
        Assert.Contains("secretName: hive-tls", certificate, StringComparison.Ordinal);
        Assert.Contains("- server auth", certificate, StringComparison.Ordinal);
        Assert.Contains("- client auth", certificate, StringComparison.Ordinal);
    }

    [Fact]
    public void Termination_grace_outlasts_the_prestop_delay_and_the_shutdown_timeout()
    {
        foreach (var rendered in new[] { BaseRendered.Value, ProductionRendered.Value })
        {
            var pod = Single<V1Deployment>(rendered).Spec.Template.Spec;
            var silo = SiloContainer(rendered);
            var shutdown = Config(rendered).TryGetValue("Hive__Silo__ShutdownTimeout", out var configured)
                ? TimeSpan.Parse(configured, CultureInfo.InvariantCulture)
                : SiloConfigurationKeys.DefaultShutdownTimeout;
            var preStop = TimeSpan.FromSeconds(silo.Lifecycle?.PreStop?.Sleep?.Seconds ?? 0);
            var grace = TimeSpan.FromSeconds(pod.TerminationGracePeriodSeconds ?? 30);
            Assert.True(grace > TimeSpan.FromSeconds(30), $"terminationGracePeriodSeconds {grace.TotalSeconds} must exceed 30 s");
            Assert.True(grace > preStop + shutdown, $"terminationGracePeriodSeconds {grace.TotalSeconds} must exceed preStop {preStop.TotalSeconds} s + shutdown timeout {shutdown.TotalSeconds} s");
            Assert.True(preStop > TimeSpan.Zero, "a preStop delay lets endpoints drop the pod before the silo stops accepting calls");
        }
    }

    [Fact]
    public void Silo_pod_runs_hardened_and_without_Kubernetes_API_access()
    {
        var rendered = BaseRendered.Value;
        var pod = Single<V1Deployment>(rendered).Spec.Template.Spec;
        var silo = SiloContainer(rendered);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(1654, pod.SecurityContext.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.True(silo.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(silo.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], silo.SecurityContext.Capabilities.Drop);
        Assert.Null(silo.SecurityContext.Capabilities.Add);
        var tmp = Assert.Single(silo.VolumeMounts, v => v.MountPath == "/tmp");
        Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
        Assert.NotNull(silo.Resources.Requests["cpu"]);
        Assert.Equal(silo.Resources.Requests["memory"].ToDecimal(), silo.Resources.Limits["memory"].ToDecimal());
        Assert.NotNull(silo.Resources.Limits["cpu"]);

        var account = Single<V1ServiceAccount>(rendered);
        Assert.Equal(account.Metadata.Name, pod.ServiceAccountName);
        Assert.False(account.AutomountServiceAccountToken);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.DoesNotContain(rendered, m => m.Kind is "Role" or "RoleBinding" or "ClusterRole" or "ClusterRoleBinding");
        Assert.False(pod.EnableServiceLinks);
        Assert.Equal("hive-silo:latest", silo.Image); // the base's placeholder; overlays pin a real image
    }

    [Fact]
    public void Silos_spread_across_nodes_and_a_disruption_takes_one_at_a_time()
    {
        var rendered = BaseRendered.Value;
        var deployment = Single<V1Deployment>(rendered);
        var pod = deployment.Spec.Template.Spec;
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Contains(pod.TopologySpreadConstraints, c => c.TopologyKey == "kubernetes.io/hostname" && c.MaxSkew == 1);
        Assert.Contains(pod.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution, t => t.PodAffinityTerm.TopologyKey == "kubernetes.io/hostname");
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        var budget = Single<V1PodDisruptionBudget>(rendered);
        Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
        Assert.Null(budget.Spec.MinAvailable);
        Assert.All(budget.Spec.Selector.MatchLabels, s => Assert.Equal(s.Value, deployment.Spec.Template.Metadata.Labels[s.Key]));
    }

    [Fact]
    public void Production_runs_five_pinned_silos_with_more_resources_and_a_budget_that_lets_nodes_drain()
    {
        var production = ProductionRendered.Value;
        var deployment = Single<V1Deployment>(production);
        Assert.Equal(5, deployment.Spec.Replicas);
        var silo = SiloContainer(production);
        var baseSilo = SiloContainer(BaseRendered.Value);
        Assert.DoesNotMatch("(:latest$)|(^hive-silo:)", silo.Image);
        Assert.Contains("/", silo.Image, StringComparison.Ordinal);
        foreach (var resource in new[] { "cpu", "memory" })
        {
            Assert.True(silo.Resources.Requests[resource].ToDecimal() > baseSilo.Resources.Requests[resource].ToDecimal(), $"production {resource} request");
            Assert.True(silo.Resources.Limits[resource].ToDecimal() > baseSilo.Resources.Limits[resource].ToDecimal(), $"production {resource} limit");
        }
        Assert.Equal(silo.Resources.Requests["memory"].ToDecimal(), silo.Resources.Limits["memory"].ToDecimal());
        // The patch changed resources only: the rest of the container (probes, env, security) is the base's.
        Assert.Equal(baseSilo.Env.Select(e => e.Name), silo.Env.Select(e => e.Name));
        Assert.Equal(baseSilo.ReadinessProbe.HttpGet.Path, silo.ReadinessProbe.HttpGet.Path);
        Assert.True(silo.SecurityContext.ReadOnlyRootFilesystem);

        var budget = Single<V1PodDisruptionBudget>(production);
        Assert.Null(budget.Spec.MaxUnavailable); // one of the two, never both
        var minAvailable = int.Parse(budget.Spec.MinAvailable.Value, CultureInfo.InvariantCulture);
        Assert.InRange(minAvailable, 1, deployment.Spec.Replicas!.Value - 1);
    }

    [Fact]
    public void Dashboard_queries_only_known_metrics_and_shows_every_Hive_instrument()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(K8s, "grafana-dashboard.json")));
        var instruments = DashboardMetrics.Hive.Concat(DashboardMetrics.Orleans).ToList();
        var series = instruments.SelectMany(i => i.Series.Select(s => (Series: s, Instrument: i))).ToDictionary(x => x.Series, x => x.Instrument);
        var panels = Panels(dashboard.RootElement).Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.NotEmpty(panels);
        var used = new HashSet<Instrument>();
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.True(targets.Count > 0, $"panel '{title}' has no query");
            foreach (var expr in targets.Select(t => t.GetProperty("expr").GetString()!))
            {
                var names = MetricName().Matches(expr).Select(m => m.Value).ToList();
                Assert.True(names.Count > 0, $"panel '{title}': '{expr}' names no Hive or Orleans metric");
                var unknown = names.Where(n => !series.ContainsKey(n)).ToList();
                Assert.True(unknown.Count == 0, $"panel '{title}': unknown metric(s) {string.Join(", ", unknown)}; known: {string.Join(", ", series.Keys)}");
                var referenced = names.Select(n => series[n]).ToList();
                used.UnionWith(referenced);
                var labels = GroupingLabels().Matches(expr).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                var allowed = referenced.SelectMany(i => i.Tags).Concat(DashboardMetrics.ScrapeLabels).ToHashSet();
                Assert.All(labels, l => Assert.True(allowed.Contains(l), $"panel '{title}': label '{l}' is not a tag of {string.Join(", ", referenced.Select(r => r.Name))}"));
            }
        }
        var unused = DashboardMetrics.Hive.Where(i => !used.Contains(i)).Select(i => i.Name).ToList();
        Assert.True(unused.Count == 0, $"no panel shows {string.Join(", ", unused)}");

        var readme = File.ReadAllText(Path.Combine(K8s, "README.md"));
        Assert.All(instruments, i => Assert.Contains($"`{i.Name}`", readme, StringComparison.Ordinal));
        Assert.All(instruments, i => Assert.Contains($"`{i.PrometheusName}", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Prometheus_names_follow_the_OpenTelemetry_exporter()
    {
        Assert.Equal("hive_tasks_transitions_total", new Instrument("hive.tasks.transitions", InstrumentKind.Counter, null).PrometheusName);
        Assert.Equal("hive_tasks_duration_seconds", new Instrument("hive.tasks.duration", InstrumentKind.Histogram, "s").PrometheusName);
        Assert.Equal("hive_rate_limit_rejections_total", new Instrument("hive.rate_limit.rejections", InstrumentKind.Counter, "{call}").PrometheusName);
        Assert.Equal("orleans_app_requests_latency_milliseconds", new Instrument("orleans-app-requests-latency", InstrumentKind.Histogram, "ms").PrometheusName);
        Assert.Equal("hive_service_level", new Instrument("hive.service_level", InstrumentKind.Gauge, null).PrometheusName);
    }

    private static void AssertProbe(V1Probe? probe, string path, V1Container container, int httpPort, string source)
    {
        Assert.NotNull(probe);
        Assert.NotNull(probe.HttpGet);
        Assert.True(path == probe.HttpGet.Path, $"probe path {probe.HttpGet.Path} should be {path} (from {source})");
        var port = probe.HttpGet.Port.Value;
        var resolved = int.TryParse(port, out var number) ? number : Port(container, port);
        Assert.Equal(httpPort, resolved);
    }

    private static IEnumerable<string> EnvironmentNames(IReadOnlyList<Manifest> rendered)
    {
        var silo = SiloContainer(rendered);
        var configMaps = rendered.Select(m => m.Object).OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name);
        foreach (var source in silo.EnvFrom ?? [])
        {
            Assert.Null(source.Prefix);
            Assert.Null(source.SecretRef); // secrets come key by key, never wholesale
            Assert.True(configMaps.TryGetValue(source.ConfigMapRef.Name, out var map), $"envFrom names ConfigMap {source.ConfigMapRef.Name}, which is not rendered");
            foreach (var key in map.Data.Keys) yield return key;
        }
        foreach (var variable in silo.Env ?? []) yield return variable.Name;
    }

    private static Dictionary<string, string> Config(IReadOnlyList<Manifest> rendered) =>
        new(Single<V1ConfigMap>(rendered).Data, StringComparer.Ordinal);

    private static V1Container SiloContainer(IReadOnlyList<Manifest> rendered) =>
        Single<V1Deployment>(rendered).Spec.Template.Spec.Containers.Single(c => c.Name == "silo");

    private static int Port(V1Container container, string name) => container.Ports.Single(p => p.Name == name).ContainerPort;

    private static T Single<T>(IReadOnlyList<Manifest> rendered) => rendered.Select(m => m.Object).OfType<T>().Single();

    private static IEnumerable<JsonElement> Panels(JsonElement parent)
    {
        if (!parent.TryGetProperty("panels", out var panels)) yield break;
        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            foreach (var nested in Panels(panel)) yield return nested;
        }
    }

    [GeneratedRegex(@"\b(?:hive|orleans)_[A-Za-z0-9_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\b(?:by|without)\s*\(([^)]*)\)")]
    private static partial Regex GroupingLabels();
}
