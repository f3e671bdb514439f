#nullable enable
// Directory.Build.targets compiles this file as an MSBuild inline task, and SuperTune.Modeling.Tests compiles it to
// test it. RoslynCodeTaskFactory accepts a single source file, so the task and the ELF code it calls share this file.
// It also compiles against netstandard 2.0, which rules out Span<T> and BinaryPrimitives.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;

namespace SuperTune.Build;

/// <summary>Outcome of <see cref="ElfVersionNeedPatcher.MarkVersionWeak"/>.</summary>
public enum PatchResult
{
    /// <summary>The version need was strong and is now weak. The file was replaced.</summary>
    Patched,

    /// <summary>The version need was already weak, so the file was not written.</summary>
    AlreadyWeak,

    /// <summary>The file needs no version of that name, so the file was not written.</summary>
    VersionNotReferenced,

    /// <summary>The file is not a little-endian ELF64 file, so the file was not written.</summary>
    NotElf64,
}

/// <summary>
/// Reads and edits the GNU symbol versioning sections (.gnu.version_r, .gnu.version_d) of little-endian ELF64 files.
/// </summary>
/// <remarks>
/// The glibc loader rejects a library that needs a version (an Elf64_Vernaux entry) which the providing library does
/// not define, unless the entry's vna_flags has VER_FLG_WEAK. With the flag set, the library loads and ldd reports
/// "weak version ... not found". Weakening a need is safe only when no relocation uses a symbol of that version.
/// </remarks>
public static class ElfVersionNeedPatcher
{
    private const uint ShtGnuVerdef = 0x6ffffffd;  // SHT_GNU_verdef, the type of .gnu.version_d
    private const uint ShtGnuVerneed = 0x6ffffffe; // SHT_GNU_verneed, the type of .gnu.version_r
    private const ushort VerFlgWeak = 0x2;         // VER_FLG_WEAK in Elf64_Vernaux.vna_flags

    /// <summary>
    /// Sets VER_FLG_WEAK on the need for <paramref name="versionName"/> in the ELF file at <paramref name="path"/>.
    /// The file is replaced through a temporary file in the same folder that keeps its other bytes, its permissions
    /// and its last write time. It is written only when the result is <see cref="PatchResult.Patched"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is a truncated or malformed ELF64 file.</exception>
    public static PatchResult MarkVersionWeak(string path, string versionName)
    {
        var bytes = File.ReadAllBytes(path);
        var image = new ElfImage(path, bytes);
        if (!image.IsElf64LittleEndian)
            return PatchResult.NotElf64;

        var flagsOffset = FindVernauxFlags(image, versionName);
        if (flagsOffset < 0)
            return PatchResult.VersionNotReferenced;
        var flags = image.ReadUInt16(flagsOffset);
        if ((flags & VerFlgWeak) != 0)
            return PatchResult.AlreadyWeak;

        flags |= VerFlgWeak;
        bytes[flagsOffset] = (byte)flags;
        bytes[flagsOffset + 1] = (byte)(flags >> 8);
        ReplaceContents(path, bytes);
        return PatchResult.Patched;
    }

    /// <summary>
    /// Returns whether the ELF file at <paramref name="path"/> needs <paramref name="versionName"/> with
    /// VER_FLG_WEAK set. Returns false when it does not need that version or is not a little-endian ELF64 file.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is a truncated or malformed ELF64 file.</exception>
    public static bool IsVersionWeak(string path, string versionName)
    {
        var image = new ElfImage(path, File.ReadAllBytes(path));
        if (!image.IsElf64LittleEndian)
            return false;

        var flagsOffset = FindVernauxFlags(image, versionName);
        return flagsOffset >= 0 && (image.ReadUInt16(flagsOffset) & VerFlgWeak) != 0;
    }

    /// <summary>
    /// Returns whether the shared library at <paramref name="libraryPath"/> defines <paramref name="versionName"/>
    /// in its .gnu.version_d section. Returns false when it has no such section or is not a little-endian ELF64 file.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is a truncated or malformed ELF64 file.</exception>
    public static bool DefinesVersion(string libraryPath, string versionName)
    {
        var image = new ElfImage(libraryPath, File.ReadAllBytes(libraryPath));
        var verdef = image.IsElf64LittleEndian ? image.FindSection(ShtGnuVerdef) : null;
        if (verdef == null)
            return false;
        var strings = image.SectionAt(verdef.Link);

        var definition = verdef.Offset;
        while (true)
        {
            image.RequireInside(verdef, definition, 20, "Elf64_Verdef");
            if (image.ReadUInt16(definition + 6) > 0) // vd_cnt
            {
                // The first Elf64_Verdaux names the version itself, and later ones name the versions it inherits.
                var aux = definition + image.ReadUInt32(definition + 12); // vd_aux, relative to this Elf64_Verdef
                image.RequireInside(verdef, aux, 8, "Elf64_Verdaux");
                if (image.ReadString(strings, image.ReadUInt32(aux)) == versionName) // vda_name
                    return true;
            }

            var next = image.ReadUInt32(definition + 16); // vd_next, 0 on the last entry
            if (next == 0)
                return false;
            definition += next;
        }
    }

    /// <summary>
    /// Returns the path of the system's libstdc++.so.6 in the usual library folders for the running architecture,
    /// or null when none of them has one.
    /// </summary>
    public static string? FindSystemLibStdCxx()
    {
        // NOTE: LD_LIBRARY_PATH and /etc/ld.so.cache are not read, so a libstdc++ that only they point to is missed.
        var triplet = RuntimeInformation.ProcessArchitecture == Architecture.Arm64
            ? "aarch64-linux-gnu"
            : "x86_64-linux-gnu";
        string[] folders = { "/usr/lib/" + triplet, "/lib/" + triplet, "/usr/lib64", "/lib64", "/usr/lib", "/lib" };
        foreach (var folder in folders)
        {
            var path = Path.Combine(folder, "libstdc++.so.6");
            if (File.Exists(path))
                return path;
        }
        return null;
    }

    // Returns the file offset of Elf64_Vernaux.vna_flags in the entry named versionName, or -1.
    private static long FindVernauxFlags(ElfImage image, string versionName)
    {
        var verneed = image.FindSection(ShtGnuVerneed);
        if (verneed == null)
            return -1;
        var strings = image.SectionAt(verneed.Link);

        var need = verneed.Offset;
        while (true)
        {
            image.RequireInside(verneed, need, 16, "Elf64_Verneed");
            var auxCount = image.ReadUInt16(need + 2);            // vn_cnt
            var aux = need + image.ReadUInt32(need + 8);          // vn_aux, relative to this Elf64_Verneed
            for (var i = 0; i < auxCount; i++)
            {
                image.RequireInside(verneed, aux, 16, "Elf64_Vernaux");
                if (image.ReadString(strings, image.ReadUInt32(aux + 8)) == versionName) // vna_name
                    return aux + 4;                               // vna_flags
                aux += image.ReadUInt32(aux + 12);                // vna_next, relative to this Elf64_Vernaux
            }

            var next = image.ReadUInt32(need + 12);               // vn_next, 0 on the last entry
            if (next == 0)
                return -1;
            need += next;
        }
    }

    // The temporary file sits in the same folder so the rename is atomic, and renaming (not writing in place) leaves a
    // hard-linked NuGet cache file untouched. File.Copy gives the temporary file the original's permissions. The last
    // write time is kept because MSBuild's Copy task skips a file whose size and time match its source, so a new
    // time would make every build copy the unpatched file again.
    private static void ReplaceContents(string path, byte[] bytes)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporaryPath = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N"));
        try
        {
            File.Copy(path, temporaryPath);
            using (var stream = new FileStream(temporaryPath, FileMode.Truncate, FileAccess.Write))
                stream.Write(bytes, 0, bytes.Length);
            File.SetLastWriteTimeUtc(temporaryPath, File.GetLastWriteTimeUtc(path));
            File.Replace(temporaryPath, path, null);
        }
        finally
        {
            if (File.Exists(temporaryPath))
                File.Delete(temporaryPath);
        }
    }

    private sealed class Section
    {
        public Section(long offset, long size, uint link)
        {
            Offset = offset;
            Size = size;
            Link = link;
        }

        public long Offset { get; } // Elf64_Shdr.sh_offset
        public long Size { get; }   // Elf64_Shdr.sh_size
        public uint Link { get; }   // Elf64_Shdr.sh_link: for version sections, the index of their string table
    }

    // Bounds-checked little-endian reads over a whole ELF file. Every exception names the file.
    private sealed class ElfImage
    {
        private const int HeaderSize = 64;        // sizeof(Elf64_Ehdr)
        private const int SectionHeaderSize = 64; // sizeof(Elf64_Shdr)

        private readonly string path;
        private readonly byte[] bytes;

        public ElfImage(string path, byte[] bytes)
        {
            this.path = path;
            this.bytes = bytes;
        }

        // e_ident: the magic 7f 'E' 'L' 'F', then EI_CLASS = ELFCLASS64 (2) and EI_DATA = ELFDATA2LSB (1).
        public bool IsElf64LittleEndian =>
            bytes.Length >= 6 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F'
            && bytes[4] == 2 && bytes[5] == 1;

        public Section? FindSection(uint type)
        {
            var count = SectionCount();
            for (long index = 0; index < count; index++)
            {
                var header = SectionHeaderOffset(index);
                if (ReadUInt32(header + 4) == type) // sh_type
                    return ReadSection(header);
            }
            return null;
        }

        public Section SectionAt(uint index)
        {
            if (index >= SectionCount())
                throw Malformed($"section index {index} in sh_link is past the last section header");
            return ReadSection(SectionHeaderOffset(index));
        }

        public void RequireInside(Section section, long offset, int size, string structure)
        {
            if (offset < section.Offset || offset + size > section.Offset + section.Size)
                throw Malformed($"{structure} at file offset {offset} lies outside its section " +
                    $"(offsets {section.Offset} to {section.Offset + section.Size})");
        }

        public string ReadString(Section strings, uint index)
        {
            var start = strings.Offset + index;
            for (var end = start; end < strings.Offset + strings.Size; end++)
            {
                if (bytes[end] == 0)
                    return Encoding.UTF8.GetString(bytes, (int)start, (int)(end - start));
            }
            throw Malformed($"string at index {index} does not end inside its string table");
        }

        public ushort ReadUInt16(long offset)
        {
            RequireInFile(offset, 2);
            return (ushort)(bytes[offset] | bytes[offset + 1] << 8);
        }

        public uint ReadUInt32(long offset)
        {
            RequireInFile(offset, 4);
            return (uint)(bytes[offset] | bytes[offset + 1] << 8 | bytes[offset + 2] << 16 | bytes[offset + 3] << 24);
        }

        public ulong ReadUInt64(long offset) => ReadUInt32(offset) | (ulong)ReadUInt32(offset + 4) << 32;

        private long SectionCount()
        {
            if (ReadUInt64(40) == 0) // Elf64_Ehdr.e_shoff
                throw Malformed("the file has no section header table (e_shoff is 0)");
            var entrySize = ReadUInt16(58); // e_shentsize
            if (entrySize != SectionHeaderSize)
                throw Malformed($"e_shentsize is {entrySize}, expected {SectionHeaderSize}");

            long count = ReadUInt16(60); // e_shnum, or 0 when the count is in section 0's sh_size
            return count > 0 ? count : ToFileOffset(ReadUInt64(SectionHeaderOffset(0) + 32), "section 0 sh_size");
        }

        private long SectionHeaderOffset(long index)
        {
            var offset = ToFileOffset(ReadUInt64(40), "e_shoff") + index * SectionHeaderSize;
            RequireInFile(offset, SectionHeaderSize);
            return offset;
        }

        private Section ReadSection(long header)
        {
            var offset = ToFileOffset(ReadUInt64(header + 24), "sh_offset");
            var size = ToFileOffset(ReadUInt64(header + 32), "sh_size");
            RequireInFile(offset, size);
            return new Section(offset, size, ReadUInt32(header + 40)); // sh_link
        }

        private long ToFileOffset(ulong value, string field)
        {
            if (value > (ulong)bytes.Length)
                throw Malformed($"{field} is {value}, past the end of the file");
            return (long)value;
        }

        private void RequireInFile(long offset, long size)
        {
            if (bytes.Length < HeaderSize)
                throw Malformed($"the file is shorter than the {HeaderSize}-byte ELF header");
            if (offset < 0 || offset + size > bytes.Length)
                throw Malformed($"{size} bytes at file offset {offset} run past the end of the file");
        }

        private InvalidDataException Malformed(string problem) =>
            new InvalidDataException($"{path}: invalid ELF64 file ({bytes.Length} bytes): {problem}.");
    }
}

/// <summary>
/// MSBuild task that marks the need for <see cref="VersionName"/> weak in copies of a native library when this
/// machine's libstdc++.so.6 does not define that version, so the glibc loader accepts the copies.
/// </summary>
public sealed class WeakenMissingLibStdCxxVersion : Microsoft.Build.Utilities.Task
{
    /// <summary>Library copies in an output or publish folder. Never pass files of the NuGet package cache.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Version to weaken, for example GLIBCXX_3.4.32.</summary>
    [Required]
    public string VersionName { get; set; } = string.Empty;

    /// <summary>libstdc++.so.6 to check for the version. When empty, the system library folders are searched.</summary>
    public string LibStdCxxPath { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        var libStdCxx = LibStdCxxPath.Length > 0 ? LibStdCxxPath : ElfVersionNeedPatcher.FindSystemLibStdCxx();
        try
        {
            if (libStdCxx != null && ElfVersionNeedPatcher.DefinesVersion(libStdCxx, VersionName))
            {
                Log.LogMessage(MessageImportance.Normal,
                    $"{libStdCxx} defines {VersionName}, so the native library copies were left unchanged.");
                return true;
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Log.LogError($"Failed to read the version definitions of {libStdCxx}: {e.Message}");
            return false;
        }

        var reason = libStdCxx == null ? "no libstdc++.so.6 was found" : $"{libStdCxx} does not define it";
        foreach (var file in Files)
            MarkWeak(file.GetMetadata("FullPath"), reason);
        return !Log.HasLoggedErrors;
    }

    private void MarkWeak(string path, string reason)
    {
        try
        {
            var message = ElfVersionNeedPatcher.MarkVersionWeak(path, VersionName) switch
            {
                PatchResult.Patched => $"Marked the need for {VersionName} weak in {path} because {reason}.",
                PatchResult.AlreadyWeak => $"{path} already marks the need for {VersionName} weak.",
                PatchResult.VersionNotReferenced => $"{path} does not need {VersionName}, so it was left unchanged.",
                _ => $"{path} is not a little-endian ELF64 file, so it was left unchanged.",
            };
            Log.LogMessage(MessageImportance.Normal, message);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Log.LogError($"Failed to mark {VersionName} weak in {path}: {e.Message} " +
                "Delete the file and build again so MSBuild copies it from the NuGet package.");
        }
    }
}
