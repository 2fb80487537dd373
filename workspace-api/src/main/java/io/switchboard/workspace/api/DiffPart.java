package io.switchboard.workspace.api;

import java.util.List;

/**
 * One diff: the files it touches, and the unified patch text.
 *
 * @param base      the commit compared against
 * @param truncated true when the patch was cut at the size limit; {@code files} is always complete
 */
public record DiffPart(String base, List<ChangedFile> files, String patch, boolean truncated) {
}
