// The cluster scenarios of Hive.Tests (abstract there, run in memory there) again on the same hive with
// everything durable in a fresh PostgreSQL database, so a defect only PostgreSQL shows fails in CI.
using Hive.Tests.Durable;

namespace Hive.Tests.Cluster;

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class AgentHeartbeatTestsOnPostgres(PostgresHiveClusterFixture hive) : AgentHeartbeatTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class AgentOperatorTestsOnPostgres(PostgresHiveClusterFixture hive) : AgentOperatorTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class AgentRestoreTestsOnPostgres(PostgresHiveClusterFixture hive) : AgentRestoreTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class AgentTestsOnPostgres(PostgresHiveClusterFixture hive) : AgentTests(hive);

[Collection(Durable.PostgresHiveClusterCollection.Name)]
public sealed class AuditCompletenessTestsOnPostgres(Durable.PostgresHiveClusterFixture hive) : AuditCompletenessTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class DemoSwarmTestsOnPostgres(PostgresHiveClusterFixture hive) : DemoSwarmTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class EscalationAlertTestsOnPostgres(PostgresHiveClusterFixture hive) : EscalationAlertTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class EscalationDeadlineTestsOnPostgres(PostgresHiveClusterFixture hive) : EscalationDeadlineTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class EscalationTestsOnPostgres(PostgresHiveClusterFixture hive) : EscalationTests(hive);

/// <summary>The health tests' own hive, with everything durable in PostgreSQL: the health grain's state and its audit ride one write there.</summary>
public sealed class PostgresHealthClusterFixture() : HealthClusterFixture(onPostgres: true);

[CollectionDefinition(Name)]
public sealed class PostgresHealthClusterCollection : ICollectionFixture<PostgresHealthClusterFixture>
{
    public const string Name = "postgres-health-cluster";
}

[Collection(PostgresHealthClusterCollection.Name)]
public sealed class HealthHaltTestsOnPostgres(PostgresHealthClusterFixture hive) : HealthHaltTests(hive);

[Collection(PostgresHealthClusterCollection.Name)]
public sealed class HealthLevelTestsOnPostgres(PostgresHealthClusterFixture hive) : HealthLevelTests(hive);

[Collection(PostgresHealthClusterCollection.Name)]
public sealed class HealthPinTestsOnPostgres(PostgresHealthClusterFixture hive) : HealthPinTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryConcurrencyTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryConcurrencyTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryExpiryTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryExpiryTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryKeyTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryKeyTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryListingTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryListingTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryNamespaceListingTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryNamespaceListingTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryWatchBoundsTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryWatchBoundsTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryWatchStreamTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryWatchStreamTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MemoryWatchTestsOnPostgres(PostgresHiveClusterFixture hive) : MemoryWatchTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MessagingConcurrencyTestsOnPostgres(PostgresHiveClusterFixture hive) : MessagingConcurrencyTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MessagingLongPollTestsOnPostgres(PostgresHiveClusterFixture hive) : MessagingLongPollTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MessagingRecipientTestsOnPostgres(PostgresHiveClusterFixture hive) : MessagingRecipientTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class MetricsTestsOnPostgres(PostgresHiveClusterFixture hive) : MetricsTests(hive);

[Collection(PostgresRetentionClusterCollection.Name)]
public sealed class RetentionTestsOnPostgres(PostgresRetentionClusterFixture hive) : RetentionTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class SmokeTestsOnPostgres(PostgresHiveClusterFixture hive) : SmokeTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskApprovalTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskApprovalTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskClaimTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskClaimTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskDeadlineTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskDeadlineTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskDependencyTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskDependencyTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskFailureTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskFailureTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskListingTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskListingTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskRestoreTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskRestoreTests(hive);
