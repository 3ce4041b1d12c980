"""The explorer in Chinese (chosen by the browser's own language) and in French (chosen by a link), in Chromium."""
import re

import pytest
from playwright.sync_api import expect

from conftest import SCREENSHOTS, WAIT_MS
from test_browser import expect_every_equation_rendered, wait_for_run

pytestmark = pytest.mark.browser


def new_page(browser, locale: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale=locale)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    return context, page


def shot(page, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_a_chinese_browser_gets_the_explorer_in_chinese(browser, server_url):
    context, page = new_page(browser, "zh-CN")
    try:
        page.goto(server_url + "/")
        expect(page.get_by_role("heading", name="反向传播探索器")).to_be_visible()
        expect(page.get_by_role("link", name=re.compile("网络探索器")).first).to_be_visible()
        shot(page, "home-zh")
        page.get_by_role("link", name=re.compile("网络探索器")).first.click()
        expect(page.get_by_text("准备就绪：共 8 步。按 下一步 ▶ 开始前向传播。")).to_be_visible()
        expect(page.locator(".js-plotly-plot .scatterlayer .trace").first).to_be_attached()
        for k in range(1, 5):
            page.get_by_role("button", name="下一步 ▶").click()
            expect(page.get_by_text(re.compile(rf"^第 {k} 步，共 8 步 · "))).to_be_visible()
        expect(page.get_by_text("损失 1/1：均方误差", exact=False).first).to_be_attached()
        expect_every_equation_rendered(page, 3)  # the loss step's: the formula, the sample's share, L
        assert "lang=zh" in page.url
        font = page.evaluate("getComputedStyle(document.querySelector('.stMarkdown') || document.body).fontFamily")
        assert "Noto Sans CJK SC" in font and "Microsoft YaHei" in font, font  # Chinese glyphs on every system
        expect(page.get_by_text("Step 4 of 8")).to_have_count(0)
        shot(page, "explorer-zh")
        page.get_by_text("文件：下载或上传网络；下载计算示例，或它的 numpy 笔记本").click()
        uploader = page.locator("[data-testid='stFileUploaderDropzone']")
        expect(uploader).to_be_visible()
        words = uploader.evaluate("""(zone) => [zone.querySelector("button p"), zone.querySelector(
            "[data-testid='stFileUploaderDropzoneInstructions'] span")].map((element) => [
            getComputedStyle(element).fontSize, getComputedStyle(element, "::after").content])""")
        assert words == [["0px", '"上传"'], ["0px", '"每个文件不超过 5 MB"']], words  # Streamlit's English, unseen
    finally:
        context.close()


def test_a_french_link_opens_in_french_in_another_browser(browser, server_url):
    context, page = new_page(browser, "en-US")
    try:
        page.goto(server_url + "/?lang=fr")
        expect(page.get_by_role("heading", name="Explorateur de rétropropagation")).to_be_visible()
        page.get_by_role("link", name=re.compile("Explorateur de réseau")).first.click()
        expect(page.get_by_text(re.compile(r"^Prêt : 8 étapes à venir"))).to_be_visible()
        expect(page.locator(".js-plotly-plot .scatterlayer .trace").first).to_be_attached()
        for k in range(1, 7):
            page.get_by_role("button", name="Suivant ▶").click()
        position = page.get_by_text(re.compile(r"^Étape 6 sur 8 · "))
        expect(position).to_be_visible()
        expect_every_equation_rendered(page, 4)  # a backward step's: ∂L/∂a, δ, ∂L/∂W, ∂L/∂b
        wait_for_run(page)
        page.wait_for_function("() => new URL(location.href).searchParams.get('step') === '6'")
        link, said = page.url, position.inner_text()
        assert "lang=fr" in link
        shot(page, "explorer-fr")
    finally:
        context.close()
    context, page = new_page(browser, "zh-CN")  # the link's language wins over the browser's
    try:
        page.goto(server_url + "/")
        expect(page.get_by_role("heading", name="反向传播探索器")).to_be_visible()
        page.goto(link)
        expect(page.get_by_text(said, exact=True)).to_be_visible()
        expect(page.get_by_role("button", name="Suivant ▶")).to_be_visible()
    finally:
        context.close()
