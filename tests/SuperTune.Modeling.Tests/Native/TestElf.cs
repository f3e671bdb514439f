using System.Text;

namespace SuperTune.Modeling.Tests.Native;

/// <summary>
/// Builds minimal little-endian ELF64 shared-library images that carry only what the version patcher reads:
/// section headers, .shstrtab, .dynstr, and optional .gnu.version_r and .gnu.version_d sections.
/// </summary>
internal static class TestElf
{
    /// <summary>Flag value of VER_FLG_WEAK in Elf64_Vernaux.vna_flags.</summary>
    public const ushort Weak = 0x2;

    /// <summary>
    /// Builds an image whose .gnu.version_r has one Elf64_Verneed per entry of <paramref name="needs"/>, in order,
    /// each followed by its Elf64_Vernaux entries, and whose .gnu.version_d defines <paramref name="definitions"/>.
    /// An empty list leaves its section out.
    /// </summary>
    public static TestElfImage Build(IReadOnlyList<VersionNeed> needs, IReadOnlyList<string>? definitions = null)
    {
        definitions ??= [];
        var dynstr = new StringTable();
        var verneed = BuildVerneed(needs, dynstr);
        var verdef = BuildVerdef(definitions, dynstr);
        var shstrtab = new StringTable();

        // Layout: Elf64_Ehdr, then each section's bytes 8-byte aligned, then the section header table.
        var sections = new List<(uint Name, uint Type, byte[] Bytes, uint Link, uint Info)>
        {
            (shstrtab.Add(".shstrtab"), 3, [], 0, 0),  // SHT_STRTAB; bytes filled in below
            (shstrtab.Add(".dynstr"), 3, [], 0, 0),    // SHT_STRTAB
        };
        if (needs.Count > 0)
            sections.Add((shstrtab.Add(".gnu.version_r"), 0x6ffffffe, verneed, 2, (uint)needs.Count));
        if (definitions.Count > 0)
            sections.Add((shstrtab.Add(".gnu.version_d"), 0x6ffffffd, verdef, 2, (uint)definitions.Count));
        sections[0] = sections[0] with { Bytes = shstrtab.ToArray() };
        sections[1] = sections[1] with { Bytes = dynstr.ToArray() };

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(new byte[64]);
        var offsets = new List<long>();
        foreach (var section in sections)
        {
            Align(writer);
            offsets.Add(stream.Position);
            writer.Write(section.Bytes);
        }
        Align(writer);
        var sectionHeaderOffset = stream.Position;

        writer.Write(new byte[64]); // section 0, SHT_NULL
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            writer.Write(section.Name);                 // sh_name
            writer.Write(section.Type);                 // sh_type
            writer.Write(2UL);                          // sh_flags: SHF_ALLOC
            writer.Write(0UL);                          // sh_addr
            writer.Write((ulong)offsets[i]);            // sh_offset
            writer.Write((ulong)section.Bytes.Length);  // sh_size
            writer.Write(section.Link);                 // sh_link
            writer.Write(section.Info);                 // sh_info
            writer.Write(8UL);                          // sh_addralign
            writer.Write(0UL);                          // sh_entsize
        }

        stream.Position = 0;
        WriteHeader(writer, sectionHeaderOffset, (ushort)(sections.Count + 1));
        var verneedOffset = needs.Count > 0 ? offsets[2] : -1;
        return new TestElfImage(stream.ToArray(), verneedOffset);
    }

    // Elf64_Verneed (vn_version, vn_cnt, vn_file, vn_aux, vn_next), each followed by its Elf64_Vernaux entries
    // (vna_hash, vna_flags, vna_other, vna_name, vna_next). Offsets in vn_aux, vn_next and vna_next are relative.
    private static byte[] BuildVerneed(IReadOnlyList<VersionNeed> needs, StringTable dynstr)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        ushort versionIndex = 2;
        for (var i = 0; i < needs.Count; i++)
        {
            var need = needs[i];
            var isLastNeed = i == needs.Count - 1;
            writer.Write((ushort)1);
            writer.Write((ushort)need.Versions.Count);
            writer.Write(dynstr.Add(need.File));
            writer.Write(16u);
            writer.Write(isLastNeed ? 0u : (uint)(16 + 16 * need.Versions.Count));
            for (var j = 0; j < need.Versions.Count; j++)
            {
                var (name, flags) = need.Versions[j];
                writer.Write(0u); // vna_hash: the patcher matches names, not hashes
                writer.Write(flags);
                writer.Write(versionIndex++);
                writer.Write(dynstr.Add(name));
                writer.Write(j == need.Versions.Count - 1 ? 0u : 16u);
            }
        }
        return stream.ToArray();
    }

    // Elf64_Verdef (vd_version, vd_flags, vd_ndx, vd_cnt, vd_hash, vd_aux, vd_next), each followed by one
    // Elf64_Verdaux (vda_name, vda_next).
    private static byte[] BuildVerdef(IReadOnlyList<string> definitions, StringTable dynstr)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        for (var i = 0; i < definitions.Count; i++)
        {
            writer.Write((ushort)1);
            writer.Write((ushort)0);
            writer.Write((ushort)(i + 1));
            writer.Write((ushort)1);
            writer.Write(0u);
            writer.Write(20u);
            writer.Write(i == definitions.Count - 1 ? 0u : 28u);
            writer.Write(dynstr.Add(definitions[i]));
            writer.Write(0u);
        }
        return stream.ToArray();
    }

    private static void WriteHeader(BinaryWriter writer, long sectionHeaderOffset, ushort sectionCount)
    {
        writer.Write([0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1]); // ELFCLASS64, ELFDATA2LSB, EV_CURRENT
        writer.Write(new byte[9]);                  // rest of e_ident
        writer.Write((ushort)3);                    // e_type: ET_DYN
        writer.Write((ushort)62);                   // e_machine: EM_X86_64
        writer.Write(1u);                           // e_version
        writer.Write(0UL);                          // e_entry
        writer.Write(0UL);                          // e_phoff: no program headers
        writer.Write((ulong)sectionHeaderOffset);   // e_shoff
        writer.Write(0u);                           // e_flags
        writer.Write((ushort)64);                   // e_ehsize
        writer.Write((ushort)56);                   // e_phentsize
        writer.Write((ushort)0);                    // e_phnum
        writer.Write((ushort)64);                   // e_shentsize
        writer.Write(sectionCount);                 // e_shnum
        writer.Write((ushort)1);                    // e_shstrndx: .shstrtab
    }

    private static void Align(BinaryWriter writer)
    {
        while (writer.BaseStream.Position % 8 != 0)
            writer.Write((byte)0);
    }

    private sealed class StringTable
    {
        private readonly MemoryStream bytes = new();
        private readonly Dictionary<string, uint> offsets = [];

        public StringTable() => bytes.WriteByte(0); // index 0 is the empty string

        public uint Add(string text)
        {
            if (offsets.TryGetValue(text, out var known))
                return known;
            var offset = (uint)bytes.Length;
            bytes.Write(Encoding.UTF8.GetBytes(text + "\0"));
            offsets[text] = offset;
            return offset;
        }

        public byte[] ToArray() => bytes.ToArray();
    }
}
