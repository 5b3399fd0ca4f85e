package org.vecnn.digits;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.SplittableRandom;

/**
 * A built-in digit recognition dataset that needs no download: 28x28 grayscale images (white on black, values
 * in [0, 1], like MNIST) of the digits 0-9, each drawn with Java2D in one of several fonts and styles, then
 * randomly scaled (0.75-1.15), rotated (±15°), sheared, shifted (±3 px) and covered in Gaussian noise
 * (σ = 0.08, clipped). Ten balanced classes, in random order. vecnn-nn takes them as
 * {@code Dataset.classification(images.pixels(), GeneratedDigits.PIXELS, images.labels(), GeneratedDigits.CLASSES)}.
 *
 * <p>Deterministic: the same count and seed give the same images on a given JDK and set of installed fonts
 * (the logical fonts Serif, SansSerif, Monospaced, Dialog map to installed fonts, e.g. DejaVu on Debian).
 * Runs headless: nothing here needs a display.
 */
public final class GeneratedDigits {
    /** Image side in pixels. */
    public static final int SIDE = 28;
    /** Pixels per image: {@code SIDE * SIDE}. */
    public static final int PIXELS = SIDE * SIDE;
    /** The number of classes. */
    public static final int CLASSES = 10;
    private static final String[] FAMILIES = {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG};
    private static final int[] STYLES = {Font.PLAIN, Font.BOLD, Font.ITALIC, Font.BOLD | Font.ITALIC};

    private GeneratedDigits() {
    }

    /**
     * Why digits cannot be drawn on this machine (no fontconfig or no font: Java2D cannot render text), naming the
     * packages to install; null where they can. Tried once per JVM.
     */
    public static String unavailableReason() {
        return Probe.REASON;
    }

    /** Draws one digit once, lazily. */
    private static final class Probe {
        static final String REASON = probe();

        private static String probe() {
            try {
                generate(1, 0);
                return null;
            } catch (IllegalStateException e) {
                return e.getMessage();
            } catch (Error e) {
                return "generated digits: Java2D cannot render text here (" + e + "); install fontconfig and a font "
                        + "(on Debian: apt-get install fontconfig fonts-dejavu-core)";
            }
        }
    }

    /**
     * Generated images and their labels: image {@code i} is {@code pixels[i·PIXELS, (i+1)·PIXELS)}, row-major,
     * values in [0, 1]; {@code labels[i]} is its digit. The arrays are the caller's.
     */
    public record Images(float[] pixels, int[] labels) {
        /** The number of images. */
        public int count() {
            return labels.length;
        }
    }

    /** {@code count} images, deterministic for {@code seed}. */
    public static Images generate(int count, long seed) {
        if (count <= 0) {
            throw new IllegalArgumentException("generated digits: count must be > 0, got " + count);
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] features = new float[count * SIDE * SIDE];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % CLASSES;
        }
        shuffle(labels, random);
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < count; i++) {
            try {
                draw(image, labels[i], random);
            } catch (RuntimeException | Error e) {
                // Without fontconfig or any font, Java2D fails deep inside its font code with a cryptic error.
                throw new IllegalStateException("generated digits: Java2D cannot render text here; install fontconfig "
                        + "and a font (on Debian: apt-get install fontconfig fonts-dejavu-core)", e);
            }
            Raster raster = image.getRaster();
            int offset = i * SIDE * SIDE;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    double value = raster.getSample(x, y, 0) / 255.0 + 0.08 * gaussian(random);
                    features[offset + y * SIDE + x] = (float) Math.min(1.0, Math.max(0.0, value));
                }
            }
        }
        return new Images(features, labels);
    }

    /** Fisher-Yates, as vecnn-nn's Dataset shuffles: the same seed gives the same order. */
    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private static void draw(BufferedImage image, int digit, SplittableRandom random) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(java.awt.Color.BLACK);
            g.fillRect(0, 0, SIDE, SIDE);
            Font font = new Font(FAMILIES[random.nextInt(FAMILIES.length)], STYLES[random.nextInt(STYLES.length)], 1)
                    .deriveFont(20f);
            FontRenderContext context = g.getFontRenderContext();
            GlyphVector glyph = font.createGlyphVector(context, String.valueOf(digit));
            Rectangle2D bounds = glyph.getVisualBounds();
            double scale = (0.75 + 0.4 * random.nextDouble()) * 20.0 / Math.max(bounds.getHeight(), 1e-6);
            double angle = Math.toRadians(-15 + 30 * random.nextDouble());
            double shear = -0.15 + 0.3 * random.nextDouble();
            double dx = -3 + 6 * random.nextDouble();
            double dy = -3 + 6 * random.nextDouble();
            AffineTransform transform = new AffineTransform();
            transform.translate(SIDE / 2.0 + dx, SIDE / 2.0 + dy);
            transform.rotate(angle);
            transform.shear(shear, 0);
            transform.scale(scale, scale);
            transform.translate(-bounds.getCenterX(), -bounds.getCenterY());
            g.setTransform(transform);
            g.setColor(java.awt.Color.WHITE);
            g.fill(glyph.getOutline());
        } finally {
            g.dispose();
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
