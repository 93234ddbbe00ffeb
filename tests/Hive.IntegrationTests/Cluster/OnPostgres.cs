// The cluster scenarios of Hive.Tests (abstract there, run in memory there) again on the same hive with
// everything durable in a fresh PostgreSQL database, so a defect only PostgreSQL shows fails in CI.

namespace Hive.Tests.Cluster;

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class AgentHeartbeatTestsOnPostgres(PostgresHiveClusterFixture hive) : AgentHeartbeatTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class AgentOperatorTestsOnPostgres(PostgresHiveClusterFixture hive) : AgentOperatorTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class AgentRestoreTestsOnPostgres(PostgresHiveClusterFixture hive) : AgentRestoreTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class AgentTestsOnPostgres(PostgresHiveClusterFixture hive) : AgentTests(hive);

[Trait("Category", "Durable")]
[Collection(Durable.PostgresHiveClusterCollection.Name)]
public sealed class AuditCompletenessTestsOnPostgres(Durable.PostgresHiveClusterFixture hive) : AuditCompletenessTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class DemoSwarmTestsOnPostgres(PostgresHiveClusterFixture hive) : DemoSwarmTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class EscalationAlertTestsOnPostgres(PostgresHiveClusterFixture hive) : EscalationAlertTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class EscalationDeadlineTestsOnPostgres(PostgresHiveClusterFixture hive) : EscalationDeadlineTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class EscalationTestsOnPostgres(PostgresHiveClusterFixture hive) : EscalationTests(hive);

/// <summary>The health tests' own hive, with everything durable in PostgreSQL: the health grain's state and its audit ride one write there.</summary>
public sealed class PostgresHealthClusterFixture() : HealthClusterFixture(onPostgres: true);

[CollectionDefinition(Name)]
public sealed class PostgresHealthClusterCollection : ICollectionFixture<PostgresHealthClusterFixture>
{
    public const string Name = "postgres-health-cluster";
}

[Trait("Category", "Durable")]
[Collection(PostgresHealthClusterCollection.Name)]
public sealed class HealthHaltTestsOnPostgres(PostgresHealthClusterFixture hive) : HealthHaltTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHealthClusterCollection.Name)]
public sealed class HealthLevelTestsOnPostgres(PostgresHealthClusterFixture hive) : HealthLevelTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHealthClusterCollection.Name)]
public sealed class HealthPinTestsOnPostgres(PostgresHealthClusterFixture hive) : HealthPinTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryConcurrencyTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryConcurrencyTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryExpiryTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryExpiryTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryKeyTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryKeyTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryListingTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryListingTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryNamespaceListingTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryNamespaceListingTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryWatchBoundsTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryWatchBoundsTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryWatchStreamTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryWatchStreamTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryWatchTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryWatchTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MessagingConcurrencyTestsOnPostgres(PostgresHiveClusterFixture hive) : MessagingConcurrencyTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MessagingLongPollTestsOnPostgres(PostgresHiveClusterFixture hive) : MessagingLongPollTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MessagingRecipientTestsOnPostgres(PostgresHiveClusterFixture hive) : MessagingRecipientTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MetricsTestsOnPostgres(PostgresHiveClusterFixture hive) : MetricsTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresRetentionClusterCollection.Name)]
public sealed class RetentionTestsOnPostgres(PostgresRetentionClusterFixture hive) : RetentionTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class SmokeTestsOnPostgres(PostgresHiveClusterFixture hive) : SmokeTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskApprovalTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskApprovalTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskClaimTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskClaimTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskDeadlineTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskDeadlineTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskDependencyTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskDependencyTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskFailureTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskFailureTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskListingTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskListingTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskRestoreTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskRestoreTests(hive);
