#!/usr/bin/env python3
"""Builds data/兰州市2020年上半年成绩单.xlsx from the reference article.

The sample workbook carries the whole article of tests/reference/: every
figure becomes a row of the 指标 sheet, and every sentence that mentions a
figure refers to it with a placeholder instead. Nothing is invented: the
script only cuts the article into cells and swaps figures for placeholders,
and it checks that each swap happens exactly where expected.

    pip install openpyxl
    python3 data/make_sample.py
"""

import pathlib

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

ROOT = pathlib.Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "reference" / "lanzhou-2020h1.txt"
OUT = ROOT / "data" / "兰州市2020年上半年成绩单.xlsx"

HEADLINE_GROUPS = ["稳经济", "战疫情", "促增长", "保民生", "脱贫攻坚", "治污染", "引投资", "“放管服”", "科技成果转化", "抓项目"]

# (代码, 板块, 指标, 数值, 单位, 同比, text in the article, the same text with placeholders)
INDICATORS = [
    ("gdp", "稳经济", "地区生产总值", 1422.22, "亿元", 1.5, "实现地区生产总值1422.22亿元、增长1.5%", "实现地区生产总值{gdp}、{gdp:同比}"),
    ("local_cases", "战疫情", "累计报告本地确诊病例", 37, "例", None, "本地确诊病例37例", "本地确诊病例{local_cases}"),
    ("local_cured", "战疫情", "本地确诊病例治愈", 35, "例", None, "治愈35例", "治愈{local_cured}"),
    ("local_cure_rate", "战疫情", "本地确诊病例治愈率", 94.6, "%", None, "治愈率94.6%", "治愈率{local_cure_rate}"),
    ("imported_cases", "战疫情", "境外输入确诊病例", 70, "例", None, "境外输入确诊病例70例", "境外输入确诊病例{imported_cases}"),
    ("imported_cure_rate", "战疫情", "境外输入确诊病例治愈率", 100, "%", None, "{imported_cases}、治愈率100%", "{imported_cases}、治愈率{imported_cure_rate}"),
    ("sme_tax_relief", "促增长", "减免中小企业税费", 10.3, "亿元", None, "减免中小企业税费10.3亿元", "减免中小企业税费{sme_tax_relief}"),
    ("job_subsidy_refund", "促增长", "返还稳岗资金", 1.05, "亿元", None, "返还稳岗资金1.05亿元", "返还稳岗资金{job_subsidy_refund}"),
    ("housing_fund_deferral", "促增长", "办理缓缴公积金业务", 1.1, "亿元", None, "办理缓缴公积金业务1.1亿元", "办理缓缴公积金业务{housing_fund_deferral}"),
    ("rent_relief", "促增长", "减免房租", 2450, "万元", None, "减免房租2450万元", "减免房租{rent_relief}"),
    ("power_cost_relief", "促增长", "减免用电成本", 6167, "万元", None, "减免用电成本6167万元", "减免用电成本{power_cost_relief}"),
    ("arrears_cleared", "促增长", "清偿拖欠账款", 3.1, "亿元", None, "清偿拖欠账款3.1亿元", "清偿拖欠账款{arrears_cleared}"),
    ("new_urban_jobs", "保民生", "城镇新增就业", 4.29, "万人", None, "城镇新增就业4.29万人", "城镇新增就业{new_urban_jobs}"),
    ("labor_export", "保民生", "劳务输转", 25.34, "万人", None, "劳务输转25.34万人", "劳务输转{labor_export}"),
    ("labor_income", "保民生", "劳务收入", 33.08, "亿元", None, "实现劳务收入33.08亿元", "实现劳务收入{labor_income}"),
    ("poverty_funds", "脱贫攻坚", "投入扶贫资金", 4.92, "亿元", None, "投入扶贫资金4.92亿元", "投入扶贫资金{poverty_funds}"),
    ("good_air_days", "治污染", "空气质量达标天数", 154, "天", None, "空气质量达标天数154天", "空气质量达标天数{good_air_days}"),
    ("good_air_ratio", "治污染", "优良天数比例", 84.6, "%", None, "优良天数比例84.6%", "优良天数比例{good_air_ratio}"),
    ("afforestation", "治污染", "完成营造林", 11.57, "万亩", None, "完成营造林11.57万亩", "完成营造林{afforestation}"),
    ("urban_green", "治污染", "新增城市绿地", 20.64, "公顷", None, "新增城市绿地20.64公顷", "新增城市绿地{urban_green}"),
    ("new_projects", "引投资", "新引进项目", 157, "个", None, "新引进项目157个", "新引进项目{new_projects}"),
    ("new_project_investment", "引投资", "新引进项目投资总额", 938.62, "亿元", None, "投资总额938.62亿元", "投资总额{new_project_investment}"),
    ("online_service_rate", "“放管服”", "政务服务事项在线办理率", 90, "%", None, "在线办理率达到90%以上", "在线办理率达到{online_service_rate}以上"),
    ("registration_days", "“放管服”", "企业设立登记时间", 2, "个工作日", None, "压缩至2个工作日内", "压缩至{registration_days}内"),
    ("tech_contracts", "科技成果转化", "新签订技术合同", 1396, "项", None, "新签订技术合同1396项", "新签订技术合同{tech_contracts}"),
    ("tech_contract_value", "科技成果转化", "技术合同成交金额", 32.23, "亿元", 17.2, "成交金额32.23亿元、同比增长17.2%", "成交金额{tech_contract_value}、同比{tech_contract_value:同比}"),
    ("annual_projects", "抓项目", "年度投资项目", 1277, "个", None, "全市1277个年度投资项目", "全市{annual_projects}年度投资项目"),
    ("continued_projects", "抓项目", "续建项目", 642, "个", None, "642个续建项目全部复工", "{continued_projects}续建项目全部复工"),
    ("new_build_projects", "抓项目", "新建项目", 635, "个", None, "635个新建项目开工率", "{new_build_projects}新建项目开工率"),
    ("new_build_start_rate", "抓项目", "新建项目开工率", 75.1, "%", None, "开工率75.1%", "开工率{new_build_start_rate}"),
    # Figures of the chapters, grouped by chapter.
    ("walkway", "5件大事", "黄河风情线核心区步道", 20, "公里", None, "实现核心区20公里步道", "实现核心区{walkway}步道"),
    ("medics_to_hubei", "5件大事", "援鄂医护人员", 51, "名", None, "选派51名医护人员", "选派{medics_to_hubei}医护人员"),
    ("industry_plans", "5件大事", "行业复工计划", 14, "个", None, "制定14个行业复工计划", "制定{industry_plans}行业复工计划"),
    ("tax_cut_new", "5件大事", "新增减税降费", 21.15, "亿元", None, "新增减税降费21.15亿元", "新增减税降费{tax_cut_new}"),
    ("green_channel_financing", "5件大事", "绿色通道企业融资", 125.32, "亿元", None, "为企业融资125.32亿元", "为企业融资{green_channel_financing}"),
    ("loan_extension", "5件大事", "展期续贷", 39.68, "亿元", None, "展期续贷39.68亿元", "展期续贷{loan_extension}"),
    ("credit_increase", "5件大事", "增加信贷", 118.32, "亿元", None, "增加信贷118.32亿元", "增加信贷{credit_increase}"),
    ("poverty_microloans", "5件大事", "投放扶贫小额贷款", 13.97, "亿元", None, "投放扶贫小额贷款13.97亿元", "投放扶贫小额贷款{poverty_microloans}"),
    ("industry_loans", "5件大事", "发放特色产业贷款", 244, "亿元", None, "发放特色产业贷款244亿元", "发放特色产业贷款{industry_loans}"),
    ("epidemic_bonds", "5件大事", "发行疫情防控专项债", 7.5, "亿元", None, "发行疫情防控专项债7.5亿元", "发行疫情防控专项债{epidemic_bonds}"),
    ("new_market_entities", "5件大事", "新增市场主体", 2.2, "万户", None, "新增市场主体2.2万户", "新增市场主体{new_market_entities}"),
    ("env_petitions", "5件大事", "生态环保督察交办环境信访件", 836, "件", None, "交办的836件环境信访件", "交办的{env_petitions}环境信访件"),
    ("env_petitions_closed", "5件大事", "环境信访件已办结", 653, "件", None, "已办结653件", "已办结{env_petitions_closed}"),
    ("poverty_meetings", "三大攻坚战", "扶贫开发领导小组会议", 7, "次", None, "召开7次市扶贫开发领导小组会议", "召开{poverty_meetings}市扶贫开发领导小组会议"),
    ("farm_product_pass_rate", "高质量发展", "农产品总体合格率", 98, "%", None, "合格率达到98%以上", "合格率达到{farm_product_pass_rate}以上"),
    ("manufacturing_projects", "高质量发展", "梳理制造业项目", 192, "个", None, "梳理制造业项目192个", "梳理制造业项目{manufacturing_projects}"),
    ("consumption_vouchers", "高质量发展", "发放政府消费券", 2000, "万元", None, "发放政府消费券2000万元", "发放政府消费券{consumption_vouchers}"),
    ("consumption_driven", "高质量发展", "刺激带动消费", 8, "亿元", None, "刺激带动消费超过8亿元", "刺激带动消费超过{consumption_driven}"),
    ("ecommerce", "高质量发展", "电子商务交易额", 660, "亿元", 6, "电子商务交易额达660亿元,同比增长6%", "电子商务交易额达{ecommerce},同比{ecommerce:同比}"),
    ("apps_provinces", "高质量发展", "疫情监控系统部署省份", 29, "个", None, "在全国29个省", "在全国{apps_provinces}省"),
    ("xinqu_gdp_growth", "区域协调发展", "兰州新区地区生产总值增速", 15.2, "%", None, "地区生产总值增长15.2%", "地区生产总值增长{xinqu_gdp_growth}"),
    ("gaoxin_roads", "区域协调发展", "定连园区道路", 17, "条", None, "定连园区17条道路", "定连园区{gaoxin_roads}道路"),
    ("gaoxin_signed_projects", "区域协调发展", "高新区新签约项目", 34, "个", None, "新签约项目34个", "新签约项目{gaoxin_signed_projects}"),
    ("gaoxin_signed_investment", "区域协调发展", "高新区新签约项目总投资", 327, "亿元", None, "总投资327亿元", "总投资{gaoxin_signed_investment}"),
    ("yuzhong_plans", "区域协调发展", "榆中生态创新城市政专项规划", 14, "个", None, "14个市政专项规划", "{yuzhong_plans}市政专项规划"),
    ("yuzhong_projects", "区域协调发展", "榆中生态创新城重点项目", 46, "个", None, "重点项目46个", "重点项目{yuzhong_projects}"),
    ("yuzhong_investment", "区域协调发展", "榆中生态创新城完成投资", 43.26, "亿元", None, "完成投资43.26亿元", "完成投资{yuzhong_investment}"),
    ("yuzhong_roads", "区域协调发展", "核心示范区道路", 15, "条", None, "核心示范区15条道路", "核心示范区{yuzhong_roads}道路"),
    ("lanxi_projects", "区域协调发展", "兰西城市群重大合作项目", 122, "个", None, "重大合作项目122个", "重大合作项目{lanxi_projects}"),
    ("lanxi_investment", "区域协调发展", "兰西城市群重大合作项目总投资", 1.1, "万亿元", None, "总投资1.1万亿元", "总投资{lanxi_investment}"),
    ("lanxi_lanzhou_projects", "区域协调发展", "其中兰州市项目", 70, "个", None, "其中兰州市70个", "其中兰州市{lanxi_lanzhou_projects}"),
    ("lanxi_lanzhou_investment", "区域协调发展", "其中兰州市项目总投资", 4991.3, "亿元", None, "总投资4991.3亿元", "总投资{lanxi_lanzhou_investment}"),
    ("approval_system_coverage", "改革开放", "工程建设项目审批制度改革系统区县使用覆盖率", 100, "%", None, "使用覆盖率达到100%", "使用覆盖率达到{approval_system_coverage}"),
    ("property_registration_days", "改革开放", "不动产登记办结时间", 5, "个工作日", None, "、5个工作日办结", "、{property_registration_days}办结"),
    ("credit_index_cities", "改革开放", "信用综合指数参评城市", 36, "个", None, "兰州在36个直辖市", "兰州在{credit_index_cities}直辖市"),
    ("credit_index_rank", "改革开放", "信用综合指数排名", 18, "位", None, "排名第18位", "排名第{credit_index_rank}"),
    ("soe_pilots", "改革开放", "国有资本授权经营试点企业", 6, "户", None, "在6户企业先期开展", "在{soe_pilots}企业先期开展"),
    ("zhongchuan_freight_growth", "改革开放", "新区中川北站货运量增速", 246, "%", None, "货运量增长246%", "货运量增长{zhongchuan_freight_growth}"),
    ("metro_line2_progress", "城市治理", "轨道交通2号线主体工程完成比例", 92, "%", None, "完成主体工程的92%", "完成主体工程的{metro_line2_progress}"),
    ("kindergartens", "城市治理", "移交城镇小区配套幼儿园", 51, "所", None, "完成51所城镇小区配套幼儿园移交", "完成{kindergartens}城镇小区配套幼儿园移交"),
    ("public_kindergarten_share", "城市治理", "公办园在园幼儿占比", 42.77, "%", None, "占比达到42.77%", "占比达到{public_kindergarten_share}"),
    ("inclusive_kindergarten_coverage", "城市治理", "普惠性幼儿园覆盖率", 91.1, "%", None, "覆盖率达到91.1%", "覆盖率达到{inclusive_kindergarten_coverage}"),
    ("large_class_ratio", "城市治理", "义务教育阶段学校大班额比例", 6.18, "%", None, "大班额下降为6.18%", "大班额下降为{large_class_ratio}"),
    ("old_communities", "城市治理", "老旧小区改造", 416, "个", None, "加快推进416个老旧小区改造", "加快推进{old_communities}老旧小区改造"),
    ("gangs_busted", "城市治理", "打掉黑恶势力", 116, "个", None, "打掉黑恶势力116个", "打掉黑恶势力{gangs_busted}"),
    ("criminal_cases_solved", "城市治理", "破获刑事案件", 1157, "起", None, "破获刑事案件1157起", "破获刑事案件{criminal_cases_solved}"),
    ("suspects_arrested", "城市治理", "抓获犯罪嫌疑人", 1491, "人", None, "抓获犯罪嫌疑人1491人", "抓获犯罪嫌疑人{suspects_arrested}"),
    ("cppcc_surveys", "民主法治", "市政协重点调研", 7, "项", None, "开展7项重点调研", "开展{cppcc_surveys}重点调研"),
    ("party_topics", "全面从严治党", "研究全面从严治党议题", 25, "个", None, "研究全面从严治党议题25个", "研究全面从严治党议题{party_topics}"),
    ("accountability_cases", "全面从严治党", "处理落实全面从严治党不力问题", 82, "起", None, "不力问题82起", "不力问题{accountability_cases}"),
    ("officials_held_accountable", "全面从严治党", "问责党员干部", 107, "人", None, "问责党员干部107人", "问责党员干部{officials_held_accountable}"),
    ("inspection_coverage", "全面从严治党", "本届市委巡察覆盖率", 81.1, "%", None, "巡察覆盖率已达到81.1%", "巡察覆盖率已达到{inspection_coverage}"),
    ("talent_recruitment", "全面从严治党", "发布引才招聘计划", 1364, "个", 42.4, "发布引才招聘计划1364个,同比增长42.4%", "发布引才招聘计划{talent_recruitment},同比{talent_recruitment:同比}"),
    ("clue_disposals", "全面从严治党", "处置问题线索", 2441, "件", None, "处置问题线索2441件", "处置问题线索{clue_disposals}"),
    ("cases_filed", "全面从严治党", "立案", 607, "件", None, "立案607件", "立案{cases_filed}"),
    ("disciplined", "全面从严治党", "处分", 423, "人", None, "处分423人", "处分{disciplined}"),
    ("prosecuted", "全面从严治党", "移送检察机关", 14, "人", None, "移送检察机关14人", "移送检察机关{prosecuted}"),
    ("fugitives_returned", "全面从严治党", "追回外逃人员", 3, "人", None, "追回外逃人员3人", "追回外逃人员{fugitives_returned}"),
]


def parse_article():
    """Cuts the article into its parts: the header lines, the ten headline
    groups, the lead paragraph, the chapters and the closing line."""
    lines = [l.strip() for l in ARTICLE.read_text(encoding="utf-8").splitlines() if l.strip()]
    kicker, title, author, dateline, original = lines[:5]
    date, source = [part.strip() for part in dateline.split("来源:")]
    rest = lines[5:]
    groups = {}
    for name in HEADLINE_GROUPS:
        assert rest[0] == name, (rest[0], name)
        groups[name] = rest[1]
        rest = rest[2:]
    lead, rest = rest[0], rest[1:]
    end = next(i for i, l in enumerate(rest) if l.startswith("(责编"))
    editors = rest[end].strip("()").split(":", 1)[1]
    body = []  # (章, 节, 段落)
    chapter = section = None
    for line in rest[:end]:
        if line.startswith("关键词:"):
            chapter, section = line, None
        elif line.endswith("。"):
            body.append((chapter, section, line))
        else:
            section = line
    return {
        "kicker": kicker, "title": title, "author": author, "date": date, "source": source,
        "original": original.split(":", 1)[1], "groups": groups, "lead": lead, "body": body,
        "editors": editors,
    }


def with_placeholders(text, counts):
    for code, *_, find, repl in INDICATORS:
        n = text.count(find)
        if n:
            counts[code] = counts.get(code, 0) + n
            text = text.replace(find, repl)
    return text


def style_sheet(ws, widths, wrap_cols=()):
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for col in wrap_cols:
        for cell in ws[get_column_letter(col)][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def main():
    article = parse_article()
    counts = {}
    wb = Workbook()

    report = wb.active
    report.title = "报告"
    report.append(["项目", "内容"])
    for key, value in [
        ("标题", article["title"]),
        ("肩题", article["kicker"]),
        ("报告期", "2020年上半年"),
        ("日期", article["date"]),
        ("作者", article["author"]),
        ("来源", article["source"]),
        ("原标题", article["original"]),
        ("导语", with_placeholders(article["lead"], counts)),
        ("责编", article["editors"]),
        ("模板", "default"),
        # The article prints growth as its writers typed it (增长6%, not
        # 6.0%): figures without a number format keep their digits.
        ("措辞", "保留原小数"),
        # For --template jianbao (红头简报).
        ("简报名称", "经济运行简报"),
        ("期号", "2020年第8期"),
        ("编印单位", "兰州市统计局办公室"),
        ("报送", "市委、市人大常委会、市政府、市政协领导同志"),
        ("抄送", "各县区人民政府，兰州新区管委会，市政府各部门"),
    ]:
        report.append([key, value])
    style_sheet(report, [12, 100], wrap_cols=[2])

    ind = wb.create_sheet("指标")
    ind.append(["代码", "板块", "指标", "数值", "单位", "上年同期", "同比", "上期同比", "要点", "备注"])
    first_in_group = set()
    for code, group, name, value, unit, yoy, _find, _repl in INDICATORS:
        highlight = None
        if group in article["groups"] and group not in first_in_group:
            first_in_group.add(group)
            highlight = with_placeholders(article["groups"][group], counts)
        ind.append([code, group, name, value, unit, None, yoy, None, highlight, None])
    assert first_in_group == set(HEADLINE_GROUPS), set(HEADLINE_GROUPS) - first_in_group
    style_sheet(ind, [26, 14, 30, 10, 10, 10, 8, 10, 60, 12], wrap_cols=[9])

    body = wb.create_sheet("正文")
    body.append(["章", "节", "段落"])
    previous = (None, None)
    for chapter, section, text in article["body"]:
        # Like people do: write 章 and 节 only where they change.
        shown_chapter = chapter if chapter != previous[0] else None
        shown_section = section if (chapter, section) != previous else None
        body.append([shown_chapter, shown_section, with_placeholders(text, counts)])
        previous = (chapter, section)
    style_sheet(body, [22, 36, 100], wrap_cols=[3])

    unused = [code for code, *_ in INDICATORS if code not in counts]
    assert not unused, f"never found in the article: {unused}"
    wb.properties.creator = "briefing"
    wb.save(OUT)
    print(f"{OUT.relative_to(ROOT)}: {len(INDICATORS)} indicators, {len(article['body'])} paragraphs")


if __name__ == "__main__":
    main()
