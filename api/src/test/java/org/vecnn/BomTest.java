package org.vecnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The build's two lists of vecnn's artifacts agree: the BOM users import (bom/pom.xml, which cannot be imported by
 * the parent within one Maven 3 reactor) and the parent's dependencyManagement, and both name every library module.
 */
class BomTest {

    private static final Path ROOT = Path.of("..");
    /** Modules that are not libraries a user depends on: the command-line application. */
    private static final Set<String> APPLICATIONS = Set.of("vecnn-cli");

    @Test
    void theBomListsExactlyTheParentsManagedVecnnArtifactsAndEveryLibraryModule() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Set<String> bom = vecnnArtifacts(read(ROOT.resolve("bom/pom.xml")));
        assertThat(bom).as("bom/pom.xml against the parent's dependencyManagement")
                .isEqualTo(vecnnArtifacts(parent));

        Set<String> libraries = new TreeSet<>();
        for (Element module : children(parent.getDocumentElement(), "modules", "module")) {
            Document pom = read(ROOT.resolve(module.getTextContent().trim()).resolve("pom.xml"));
            String text = Files.readString(ROOT.resolve(module.getTextContent().trim()).resolve("pom.xml"));
            String artifact = child(pom.getDocumentElement(), "artifactId").getTextContent().trim();
            boolean published = !text.contains("<maven.deploy.skip>true</maven.deploy.skip>")
                    && !"pom".equals(packaging(pom));
            if (published && !APPLICATIONS.contains(artifact)) {
                libraries.add(artifact);
            }
        }
        assertThat(bom).as("bom/pom.xml against the library modules").isEqualTo(libraries);
    }

    private static String packaging(Document pom) {
        Element packaging = child(pom.getDocumentElement(), "packaging");
        return packaging == null ? "jar" : packaging.getTextContent().trim();
    }

    private static Set<String> vecnnArtifacts(Document pom) {
        Set<String> artifacts = new TreeSet<>();
        for (Element dependency : children(pom.getDocumentElement(), "dependencyManagement", "dependencies",
                "dependency")) {
            if ("org.vecnn".equals(child(dependency, "groupId").getTextContent().trim())) {
                artifacts.add(child(dependency, "artifactId").getTextContent().trim());
            }
        }
        return artifacts;
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static java.util.List<Element> children(Element root, String... path) {
        java.util.List<Element> level = java.util.List.of(root);
        for (String name : path) {
            java.util.List<Element> next = new java.util.ArrayList<>();
            for (Element e : level) {
                NodeList nodes = e.getChildNodes();
                for (int i = 0; i < nodes.getLength(); i++) {
                    if (nodes.item(i) instanceof Element c && c.getTagName().equals(name)) {
                        next.add(c);
                    }
                }
            }
            level = next;
        }
        return level;
    }
}
