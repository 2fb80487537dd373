package io.switchboard.workspace.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.testing.GitCommandLine;

/**
 * The parallel checkout leaves a working directory the git command-line client finds clean, falls back to JGit's
 * checkout where files need more than their bytes, and refuses trees naming paths git refuses.
 */
class ParallelCheckoutTest {

    private final ParallelCheckout checkout = new ParallelCheckout();

    @TempDir
    Path temp;

    @AfterEach
    void stop() {
        checkout.stop();
    }

    @Test
    void plainFilesAreWrittenInParallelAndTheIndexMatchesThem() throws IOException {
        Path source = temp.resolve("source");
        Files.createDirectories(source);
        GitCommandLine.inDirectory(source, "init", "-q", "-b", "main");
        for (int i = 0; i < 300; i++) {
            Path file = source.resolve("dir" + i % 7).resolve("file" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "content of file " + i + "\n".repeat(i % 5 + 1));
        }
        Files.writeString(source.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(source.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        commitAll(source);
        assertThat(GitCommandLine.inDirectory(source, "ls-files", "-s", "run.sh")).startsWith("100755");

        Path workTree = checkOutInto(source, "plain");

        assertThat(GitCommandLine.inDirectory(workTree, "status", "--porcelain")).isBlank();
        assertThat(Files.readString(workTree.resolve("dir3/file10.txt"))).isEqualTo("content of file 10\n");
        assertThat(Files.isExecutable(workTree.resolve("run.sh"))).isTrue();
        assertThat(GitCommandLine.inDirectory(workTree, "ls-files").lines()).hasSize(301);
    }

    @Test
    void nestedAndNeighbouringDirectoriesAreAllWritten() throws IOException {
        Path source = temp.resolve("nested");
        Files.createDirectories(source);
        GitCommandLine.inDirectory(source, "init", "-q", "-b", "main");
        String[] paths = {"a/b/c/deep.txt", "a/b/mid.txt", "a/top.txt", "a-b/dash.txt", "a.txt", "ab/c/d/e/f.txt",
            "b/c/one.txt", "b/two.txt", "z.txt"};
        for (String path : paths) {
            Path file = source.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, path + "\n");
        }
        commitAll(source);

        Path workTree = checkOutInto(source, "nested");

        for (String path : paths) {
            assertThat(Files.readString(workTree.resolve(path))).as(path).isEqualTo(path + "\n");
        }
        assertThat(GitCommandLine.inDirectory(workTree, "status", "--porcelain")).isBlank();
    }

    @Test
    void aFileLargerThanTheStreamingThresholdIsStreamedWhole() throws IOException {
        Path source = temp.resolve("large");
        Files.createDirectories(source);
        GitCommandLine.inDirectory(source, "init", "-q", "-b", "main");
        String large = "a line of a large file\n".repeat(20_000);
        Files.writeString(source.resolve("large.txt"), large);
        Files.writeString(source.resolve("small.txt"), "small\n");
        commitAll(source);
        WindowCacheConfig streaming = new WindowCacheConfig();
        streaming.setStreamFileThreshold(16 * 1024);
        streaming.install();
        try {
            Path workTree = checkOutInto(source, "large");

            assertThat(Files.readString(workTree.resolve("large.txt"))).isEqualTo(large);
            assertThat(GitCommandLine.inDirectory(workTree, "status", "--porcelain")).isBlank();
        } finally {
            new WindowCacheConfig().install();
        }
    }

    @Test
    void aLinkInTheWayOfADirectoryIsNotWrittenThrough() throws IOException {
        Path source = temp.resolve("links");
        Files.createDirectories(source);
        GitCommandLine.inDirectory(source, "init", "-q", "-b", "main");
        Files.createDirectories(source.resolve("a/b"));
        Files.writeString(source.resolve("a/b/planted.txt"), "planted\n");
        commitAll(source);
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createDirectories(outside.resolve("b"));
        Path gitDir = source.resolve(".git").resolve("worktrees").resolve("links");
        Path workTree = Files.createDirectories(temp.resolve("work-links"));
        Files.createDirectories(gitDir);
        Files.writeString(gitDir.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(gitDir.resolve("commondir"), "../..\n");
        // A link where the tree has a directory, one level above the file: only the parent's parent is a link.
        Files.createSymbolicLink(workTree.resolve("a"), outside);

        try (Repository repository = open(gitDir, workTree); RevWalk walk = new RevWalk(repository)) {
            RevTree tree = walk.parseCommit(repository.resolve(Constants.HEAD)).getTree();
            assertThatThrownBy(() -> checkout.checkOut(repository, tree)).isInstanceOf(IOException.class);
        }
        assertThat(outside.resolve("b/planted.txt")).doesNotExist();
    }

    @Test
    void aTreeWithAttributesIsCheckedOutByJGitWithItsLineEndings() throws IOException {
        Path source = temp.resolve("attributes");
        Files.createDirectories(source);
        GitCommandLine.inDirectory(source, "init", "-q", "-b", "main");
        Files.writeString(source.resolve(".gitattributes"), "*.txt text eol=crlf\n");
        Files.writeString(source.resolve("notes.txt"), "one\ntwo\n");
        commitAll(source);

        Path workTree = checkOutInto(source, "attributes");

        assertThat(Files.readString(workTree.resolve("notes.txt"))).isEqualTo("one\r\ntwo\r\n");
        assertThat(GitCommandLine.inDirectory(workTree, "status", "--porcelain")).isBlank();
    }

    @Test
    void aTreeNamingAPathGitRefusesWritesNothing() throws IOException {
        Path source = temp.resolve("hostile");
        Files.createDirectories(source);
        GitCommandLine.inDirectory(source, "init", "-q", "-b", "main");
        try (Repository repository = open(source.resolve(".git"), null); ObjectInserter inserter =
                repository.newObjectInserter()) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, "planted\n".getBytes(StandardCharsets.UTF_8));
            for (String name : new String[] {"..", ".git", ".GIT"}) {
                TreeFormatter inner = new TreeFormatter();
                inner.append("hooks-post-checkout", FileMode.REGULAR_FILE, blob);
                TreeFormatter outer = new TreeFormatter();
                outer.append("a.txt", FileMode.REGULAR_FILE, blob);
                outer.append(name, FileMode.TREE, inserter.insert(inner));
                ObjectId tree = inserter.insert(outer);
                inserter.flush();
                Path workTree = Files.createDirectories(temp.resolve("work-" + name.replace('.', 'd')));
                Path gitDir = Files.createDirectories(temp.resolve("gitdir-" + name.replace('.', 'd')));
                Files.writeString(gitDir.resolve("HEAD"), "ref: refs/heads/main\n");
                Files.writeString(gitDir.resolve("commondir"), source.resolve(".git").toString() + "\n");
                try (Repository linked = open(gitDir, workTree); RevWalk walk = new RevWalk(linked)) {
                    RevTree parsed = walk.parseTree(tree);
                    assertThatThrownBy(() -> checkout.checkOut(linked, parsed)).as(name).isInstanceOf(Exception.class);
                }
                try (var written = Files.list(workTree)) {
                    assertThat(written).as(name).isEmpty();
                }
                assertThat(temp.resolve("hooks-post-checkout")).doesNotExist();
            }
        }
    }

    private Path checkOutInto(Path source, String name) throws IOException {
        Path gitDir = source.resolve(".git").resolve("worktrees").resolve(name);
        Path workTree = temp.resolve("work-" + name);
        Files.createDirectories(gitDir);
        Files.createDirectories(workTree);
        Files.writeString(gitDir.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(gitDir.resolve("commondir"), "../..\n");
        Files.writeString(gitDir.resolve("gitdir"), workTree.resolve(".git") + "\n");
        Files.writeString(workTree.resolve(".git"), "gitdir: " + gitDir + "\n");
        try (Repository repository = open(gitDir, workTree); RevWalk walk = new RevWalk(repository)) {
            RevTree tree = walk.parseCommit(repository.resolve(Constants.HEAD)).getTree();
            int written = checkout.checkOut(repository, tree);
            assertThat(written).isPositive();
        }
        return workTree;
    }

    private static void commitAll(Path source) {
        GitCommandLine.inDirectory(source, "add", "-A");
        GitCommandLine.inDirectory(source, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit",
                "-q", "-m", "files");
    }

    private static Repository open(Path gitDir, Path workTree) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true);
        if (workTree != null) {
            builder.setWorkTree(workTree.toFile());
        }
        return builder.build();
    }
}
