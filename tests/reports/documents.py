"""A small hand-made document for renderer tests (no database, one tiny chart)."""

import datetime as dt

from gongxin.reports import charts
from gongxin.reports.model import (
    Attachment,
    Chart,
    Document,
    Paragraph,
    Section,
    Sentence,
    Table,
)


def sample_document() -> Document:
    table = Table(
        "各县（市、区）增速",
        ["县（市、区）", "增速（%）"],
        [["东昌府区", "7.9"], ["茌平区", "-1.2"]],
        [False, True],
        sheet="县市区",
    )
    chart = Chart(
        "增速",
        charts.ranked_bars(["东昌府区", "茌平区"], [7.9, -1.2], target=7.0, target_label="目标"),
    )
    return Document(
        kind="bulletin",
        issuer_mark="聊城市工业和信息化局文件",
        number="聊工信〔2024〕4号",
        title="关于2024年1—4月份全市工业经济运行情况的通报",
        addressee="各县（市、区）工业和信息化主管部门：",
        lead=[Paragraph([Sentence("现将有关情况通报如下。")])],
        sections=[
            Section(
                "总体情况",
                [Paragraph([Sentence("全市增长7.9%。")])],
                [Section("分县情况", [table, chart], [Section("细项", [], [Section("再细", [])])])],
            ),
            Section("下一步工作", [Paragraph([Sentence("抓好落实。")])]),
        ],
        closing=[Paragraph([Sentence("特此通报。")])],
        attachments=[Attachment("行业表", [table])],
        signature="聊城市工业和信息化局",
        date=dt.date(2024, 5, 20),
        cc="市政府办公室，市统计局。",
        printer="聊城市工业和信息化局办公室",
    )
