using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hive.Silo.Storage.GroupCommit;

/// <summary>How writes that arrive together share a round trip. Bound from <c>Hive:Storage:GroupCommit</c>.</summary>
public sealed class GroupCommitOptions
{
    public const string Section = "Hive:Storage:GroupCommit";

    /// <summary>Off: every call writes alone, in its own transaction (for comparison and as an escape hatch).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most callers one batch serves; a larger queue is written in several batches, one after another.</summary>
    [SettingRange(1, 10_000, ErrorMessage = "Hive:Storage:GroupCommit:MaxBatch must be 1–10000 callers.")]
    public int MaxBatch { get; set; } = 256;

    /// <summary>
    /// How long a batch waits for more callers after the first. Zero (the default) writes whatever is queued at once:
    /// while one batch commits the next one fills by itself, and a lone caller never waits for company.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:00:00.100", ErrorMessage = "Hive:Storage:GroupCommit:Linger must be 0–100 ms.")]
    public TimeSpan Linger { get; set; } = TimeSpan.Zero;
}

/// <summary>Checks the attributes on <see cref="GroupCommitOptions"/>; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class GroupCommitOptionsValidator : IValidateOptions<GroupCommitOptions>;
