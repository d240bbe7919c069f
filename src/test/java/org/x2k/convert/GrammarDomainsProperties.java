package org.x2k.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Assumptions;

/**
 * Xen domains written from libvirt's own domain grammar ({@link LibvirtGrammar} on the installed
 * domain.rng): a Xen skeleton (name, uuid, memory, vCPUs, domain type xen) around an {@code <os>}
 * of a Xen OS type and {@code <features>}, {@code <clock>}, {@code <cpu>} and {@code <devices>}
 * walked at random from the grammar, kept when libvirt's schema accepts them. No hand-picked
 * shapes: whatever the grammar allows can come, in any combination.
 *
 * <p>For each, x2k either converts it, or refuses it with one of its own one-line errors (an
 * architecture KVM cannot run, two disks on one target); an XSLT error (an ambiguous rule match, a
 * type error) is a failure. A conversion validates against the schema, keeps name, uuid, memory,
 * vCPUs, MACs and disk sources, holds nothing Xen-only, and converts to itself again.
 *
 * <p>The seed is fixed; {@code -Dx2k.property.tries=N} sets the number of tries (300 in {@code
 * ./mvnw verify}) and {@code -Dx2k.grammar.walks.per.try=K} the domains walked in each (1; 5 in
 * scripts/ci full, 1,500 domains). Needs libvirt's schemas: skipped without them, unless
 * X2K_REQUIRE_LIBVIRT_SCHEMAS=1 (as in .ci/run), which makes their absence a failure.
 */
class GrammarDomainsProperties {
  /** The parts of a domain that are walked from the grammar, by define name. */
  static final List<String> WALKED = List.of("os", "features", "clock", "guestcpu", "devices");

  /** The OS types of Xen domains: PV (linux, xen), HVM, PVH. */
  private static final Set<String> XEN_OS_TYPES = Set.of("linux", "xen", "hvm", "xenpvh");

  private static LibvirtGrammar grammar;
  private static LibvirtSchema schema;
  private static DomainConverter converter;
  private static int converted;
  private static final Map<String, Integer> REFUSED = new TreeMap<>();
  private static int invalid;

  @BeforeContainer
  static void setUp() throws Exception {
    schema = LibvirtSchema.installed();
    if (schema == null) {
      Assumptions.assumeFalse(
          "1".equals(System.getenv("X2K_REQUIRE_LIBVIRT_SCHEMAS")),
          "libvirt's schemas are required here, and missing from " + LibvirtSchema.directory());
      return;
    }
    grammar = LibvirtGrammar.load(LibvirtSchema.directory().resolve("domain.rng"));
    converter = DomainConverter.xenToKvm(ConversionSettings.DEFAULTS, Map.of(), Map.of());
  }

  @AfterContainer
  static void summary() {
    if (grammar != null) {
      Set<String> reachable = grammar.reachable(WALKED);
      Set<String> missed = new TreeSet<>(reachable);
      missed.removeAll(grammar.seen);
      System.out.println(
          "grammar coverage: "
              + (reachable.size() - missed.size())
              + " of "
              + reachable.size()
              + " element and attribute paths under "
              + WALKED
              + "; not written: "
              + missed);
      System.out.println(
          "grammar-generated Xen domains: "
              + converted
              + " converted, refused in one"
              + " line "
              + REFUSED
              + ", "
              + invalid
              + " walks the schema refused (not used); "
              + grammar.seen.size()
              + " element/attribute paths written");
    }
  }

  /**
   * Domains walked per try: {@code -Dx2k.grammar.walks.per.try=5} makes verify's 300 tries walk
   * 1,500 domains (as CI's full tier does) without a Maven run of its own or more tries for other
   * properties.
   */
  private static final int WALKS_PER_TRY = Integer.getInteger("x2k.grammar.walks.per.try", 1);

  @Provide
  Arbitrary<List<String>> grammarDomains() {
    return Arbitraries.randomValue(
        random -> {
          List<String> domains = new ArrayList<>();
          for (int i = 0; i < WALKS_PER_TRY; i++) {
            domains.add(domain(random));
          }
          return domains;
        });
  }

  /** A Xen domain whose os, features, clock, cpu and devices come from the grammar. */
  static String domain(Random random) {
    StringBuilder xml = new StringBuilder("<domain type='xen'>\n");
    xml.append("  <name>grammar-")
        .append(Integer.toHexString(random.nextInt()))
        .append("</name>\n");
    xml.append("  <uuid>")
        .append(new UUID(random.nextLong(), random.nextLong()))
        .append("</uuid>\n");
    xml.append("  <memory unit='KiB'>")
        .append(65536 * (1 + random.nextInt(64)))
        .append("</memory>\n");
    xml.append("  <vcpu>").append(1 + random.nextInt(8)).append("</vcpu>\n");
    for (String part : WALKED) {
      LibvirtGrammar.Tree tree = null;
      for (int attempt = 0; attempt < 20 && tree == null; attempt++) {
        tree = grammar.instance(part, random, 40, 6);
        // a Xen OS type; and mostly x86, since x2k refuses the rest in one line (still tried)
        if (tree != null
            && part.equals("os")
            && !(isXen(tree) && (isX86(tree) || random.nextInt(10) == 0))) {
          tree = null;
        }
      }
      if (tree != null && (part.equals("os") || random.nextInt(4) > 0)) {
        tree.write(xml, "  ");
      }
    }
    return xml.append("</domain>\n").toString();
  }

  private static boolean isX86(LibvirtGrammar.Tree os) {
    return os.children.stream()
        .filter(child -> child.name.equals("type"))
        .allMatch(
            type ->
                Set.of("i686", "x86_64").contains(type.attributes.getOrDefault("arch", "x86_64")));
  }

  private static boolean isXen(LibvirtGrammar.Tree os) {
    return os.children.stream()
        .anyMatch(
            child ->
                child.name.equals("type") && XEN_OS_TYPES.contains(child.text.toString().strip()));
  }

  @Property(seed = "20261201")
  void convertsOrRefusesInOneLineAndNeverFailsInAStylesheet(
      @ForAll("grammarDomains") List<String> domains) throws Exception {
    Assumptions.assumeTrue(grammar != null, "libvirt's schemas are not installed here");
    int valid = 0;
    for (String xen : domains) {
      if (!schema.problems(xen).isEmpty()) {
        synchronized (GrammarDomainsProperties.class) {
          invalid++;
        }
        if (System.getenv("X2K_GRAMMAR_DEBUG") != null) {
          System.out.println("INVALID " + schema.problems(xen).get(0));
        }
        continue;
      }
      valid++;
      convertsOrRefusesInOneLine(xen);
    }
    Assume.that(valid > 0);
  }

  private static void convertsOrRefusesInOneLine(String xen) throws Exception {
    Conversion conversion;
    try {
      conversion = converter.convert(xen.getBytes(StandardCharsets.UTF_8));
    } catch (ConversionException e) {
      if (e.code().isEmpty()) {
        fail("not one of x2k's own refusals: " + e.getMessage() + "\nfor\n" + xen);
      }
      assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
      synchronized (GrammarDomainsProperties.class) {
        REFUSED.merge(e.code(), 1, Integer::sum);
      }
      return;
    }
    String kvm = conversion.xml();
    assertEquals(
        List.of(),
        schema.problems(kvm),
        "libvirt's schema on the conversion of\n" + xen + "\nwhich is\n" + kvm);
    DomainFacts before = DomainFacts.of(xen);
    DomainFacts after = DomainFacts.of(kvm);
    assertEquals(before.identity(), after.identity(), "identity of\n" + xen + "\nin\n" + kvm);
    assertEquals(
        List.of(), after.xenLeftovers(), "Xen-only constructs left in\n" + kvm + "\nfrom\n" + xen);
    assertEquals(
        kvm,
        converter.convert(kvm.getBytes(StandardCharsets.UTF_8)).xml(),
        "a second conversion changed it");
    synchronized (GrammarDomainsProperties.class) {
      converted++;
    }
  }

  /**
   * The walks reach (nearly) everything the grammar allows under the parts walked: with the budget
   * of verify, at least 98% of the element and attribute paths (1,081 of 1,085 with libvirt 9.0's
   * grammar at 300 domains).
   */
  @Example
  void theWalksCoverTheGrammar() {
    Assumptions.assumeTrue(grammar != null, "libvirt's schemas are not installed here");
    Random random = new Random(20261201);
    for (int i = 0; i < 300; i++) {
      domain(random);
    }
    Set<String> reachable = grammar.reachable(WALKED);
    Set<String> missed = new TreeSet<>(reachable);
    missed.removeAll(grammar.seen);
    assertTrue(
        reachable.size() > 500, "the grammar was not read whole: " + reachable.size() + " paths");
    assertTrue(missed.size() * 50 <= reachable.size(), "not written by 300 walks: " + missed);
  }
}
