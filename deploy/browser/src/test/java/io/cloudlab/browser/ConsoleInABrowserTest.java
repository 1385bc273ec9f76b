package io.cloudlab.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console driven in headless Chromium against the running platform (deploy/browser/run makes the
 * fixtures and passes them in the environment). Each case saves a screenshot of its page under target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleInABrowserTest {

    static final String CONSOLE = env("CONSOLE_URL");
    static final Path SHOTS = Path.of("target", "screenshots");
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        // This machine's network is closed: Chromium's own background connections only fail, so they are off.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1100",
                "--user-data-dir=" + Files.createTempDirectory("console-browser").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
    }

    @Test
    @Order(1)
    void anOperatorFindsAnOrderByItsNumberAndSeesItsEventsAndSteps() {
        signIn(env("OPERATOR_TOKEN"));
        browser.get(CONSOLE + "/orders");
        browser.findElement(By.id("order-search")).sendKeys(env("ORDER_NUMBER"));
        browser.findElement(By.id("find-order")).click();
        wait.until(d -> !d.findElements(By.id("events")).isEmpty() || !d.findElements(By.id("refused")).isEmpty());
        assertTrue(browser.findElements(By.id("refused")).isEmpty(), () -> text(By.id("refused")));
        List<String> events = texts(By.cssSelector("td.event-type"));
        assertTrue(events.containsAll(List.of("OrderPlaced", "OrderPaid")), "events: " + events);
        List<String> steps = texts(By.cssSelector("td.step-type"));
        assertTrue(steps.containsAll(List.of("reserve_stock", "authorize_payment", "confirm_order", "capture_payment")),
                "steps: " + steps);
        assertTrue(text(By.id("order-number")).equals(env("ORDER_NUMBER")));
        List<String> records = texts(By.cssSelector("td.kafka"));
        assertTrue(records.stream().anyMatch(r -> r.contains("cloudlab.order.events / ")), "Kafka records: " + records);
        // The saga's commands and the participants' replies, as Kafka records too.
        List<String> commands = texts(By.cssSelector("td.command-record"));
        assertTrue(commands.stream().anyMatch(r -> r.contains("cloudlab.inventory.commands / ")), "command records: " + commands);
        assertTrue(commands.stream().anyMatch(r -> r.contains("cloudlab.payment.commands / ")), "command records: " + commands);
        List<String> replies = texts(By.cssSelector("td.reply-record"));
        assertTrue(replies.stream().anyMatch(r -> r.contains("cloudlab.saga.replies / ")), "reply records: " + replies);
        assertTrue(text(By.id("redis-document")).contains(env("ORDER_ID")), "the Redis document is shown");
        // A platform operator is not the shop: the customer's address is withheld.
        assertFalse(browser.getPageSource().contains(env("SHOPPER_ADDRESS")), "the address is not shown to a platform operator");
        shot("order");
    }

    @Test
    @Order(2)
    void anOperatorSeesASagaTheGatewayFailedAndRetriesItToCompletion() {
        String saga = env("FAILED_SAGA_ID");
        browser.get(CONSOLE + "/sagas?view=failed");
        wait.until(d -> !d.findElements(By.cssSelector("a[href='/sagas/" + saga + "']")).isEmpty());
        browser.findElement(By.cssSelector("a[href='/sagas/" + saga + "']")).click();
        wait.until(d -> d.findElement(By.id("saga-status")).getText().startsWith("failed"));
        assertTrue(text(By.id("saga-failure")).contains("refund"), text(By.id("saga-failure")));
        shot("saga-failed");
        WebElement retry = browser.findElement(By.id("action-retry"));
        retry.findElement(By.name("reason")).sendKeys("the provider accepts refunds again");
        retry.findElement(By.tagName("button")).click();
        wait.until(d -> !d.findElements(By.id("done")).isEmpty() || !d.findElements(By.id("problem")).isEmpty());
        assertTrue(browser.findElements(By.id("problem")).isEmpty(), () -> text(By.id("problem")));
        wait.until(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("saga-status")).getText().startsWith("completed");
        });
        List<String> steps = texts(By.cssSelector("tr.step"));
        assertTrue(steps.stream().anyMatch(s -> s.contains("refund_payment") && s.contains("completed")), "steps: " + steps);
        // Both attempts of the refund, each with the reply it got: refused, then refunded.
        List<String> refunds = texts(By.cssSelector("tr.message")).stream().filter(m -> m.contains("RefundPayment")).toList();
        assertTrue(refunds.size() >= 2, "refund attempts: " + refunds);
        assertTrue(refunds.get(0).contains("PaymentRefundRefused"), "the first attempt was refused: " + refunds);
        assertTrue(refunds.get(refunds.size() - 1).contains("PaymentRefunded"), "the last attempt refunded: " + refunds);
        shot("saga");
    }

    @Test
    @Order(4)
    void anOperatorSeesThePlatformsChartsAndDatabaseHealth() {
        browser.get(CONSOLE + "/platform");
        wait.until(d -> !d.findElements(By.id("live")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector(".problem")).isEmpty(), () -> text(By.cssSelector(".problem")));
        assertTrue(text(By.id("database")).contains("{"), "the database's health is shown");
        for (String chart : List.of("chart-orders", "chart-steps", "chart-lag")) {
            wait.until(d -> {
                WebElement c = d.findElement(By.id(chart));
                return Integer.parseInt(c.getAttribute("data-samples")) >= 3 && !c.findElements(By.tagName("canvas")).isEmpty();
            });
        }
        shot("platform");
    }

    @Test
    @Order(3)
    void anOperatorSeesAProjectionsLagChart() {
        browser.get(CONSOLE + "/projections");
        wait.until(d -> !d.findElements(By.cssSelector("tr.projection")).isEmpty());
        wait.until(d -> d.findElements(By.cssSelector("[data-chart]")).stream()
                .anyMatch(c -> Integer.parseInt(c.getAttribute("data-samples")) >= 3 && !c.findElements(By.tagName("canvas")).isEmpty()));
        // An audit goes on in the background; its row tells how far it has got, then how it ended (live).
        By orderViews = By.cssSelector("tr.projection[data-key='order-service/order-views']");
        browser.findElement(orderViews).findElement(By.cssSelector("form[action$='/audit'] button")).click();
        wait.until(d -> !d.findElements(By.id("result")).isEmpty());
        assertTrue(text(By.id("result")).startsWith("audit of order-views"), text(By.id("result")));
        wait.until(d -> d.findElement(orderViews).findElement(By.cssSelector("td.audit")).getText().contains("differences in"));
        assertTrue(text(By.cssSelector("tr.projection[data-key='order-service/order-views'] td.audit")).startsWith("0 differences"),
                "the platform's own read model agrees with its store");
        shot("projections");
    }

    @Test
    @Order(5)
    void aShopAdminIsRefusedAnotherShopsSaga() {
        browser.manage().deleteAllCookies();
        signIn(env("OTHER_ADMIN_TOKEN"));
        browser.get(CONSOLE + "/sagas/" + env("FAILED_SAGA_ID"));
        wait.until(d -> !d.findElements(By.id("refused")).isEmpty() || !d.findElements(By.id("steps")).isEmpty());
        assertTrue(browser.findElements(By.id("steps")).isEmpty(), "another shop's saga must not be shown");
        assertTrue(text(By.id("refused")).startsWith("404"), text(By.id("refused")));
        assertFalse(browser.getPageSource().contains(env("FAILED_ORDER_ID")), "nothing of the saga leaks");
        shot("refused");
    }

    private static void signIn(String token) {
        browser.get(CONSOLE + "/login");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/sagas") || !d.findElements(By.id("problem")).isEmpty());
        assertTrue(browser.findElements(By.id("problem")).isEmpty(), () -> text(By.id("problem")));
    }

    private static String text(By by) {
        return browser.findElement(by).getText();
    }

    private static List<String> texts(By by) {
        return browser.findElements(by).stream().map(WebElement::getText).toList();
    }

    private static void shot(String name) {
        try {
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) throw new IllegalStateException(name + " is not set: run deploy/browser/run");
        return value;
    }
}
