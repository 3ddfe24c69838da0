#!/usr/bin/env python3
"""Writes labelled.json: the problems, the pool of offers and, for each problem, the offers judged correct and those
judged wrong. The labelling rule (README.md) was written before the matcher was run on the data; this script only keeps
the records consistent (ids, scopes, the label lists). Run: python3 build_labelled.py > labelled.json"""
import json

AS_OF = "2026-12-08"
ALLIANCES = {"A1": "陆家嘴金融城党建联盟", "A2": "临港新片区产业党建联盟", "A3": "普陀区域化党建联盟"}

# Each theme: the problem category, the offer kind that answers it, the problems (alliance, unit, title, need, tags,
# wanted-by) and the offers (scope: group or an alliance; unit; title; description; tags; people with skills; capacity;
# windows; state). Offers with state other than available, or windows over before the wanted-by date, are in the pool
# but never correct (they cannot be used).
THEMES = [
  dict(key="party-venue", category="venue", kind="venue",
    problems=[
      ("A1", "org:lujiazui-bank-branch", "主题党日缺少可容纳80人的会场", "12月主题党日活动需要一间能坐80人的会议室，最好有投影和党旗背景墙。", ["党日活动", "会议室"], "2026-12-25"),
      ("A2", "org:lingang-energy-branch", "新党员入党宣誓没有合适阵地", "园区新党员入党宣誓仪式需要一个庄重的党建阵地，约40人。", ["入党宣誓", "阵地"], "2027-01-15"),
      ("A3", "ext:普陀某物业公司", "物业党支部上党课借不到场地", "物业党支部每月上党课，小区里没有会议室，希望就近借用场地。", ["党课", "会议室"], "2027-01-31"),
    ],
    offers=[
      ("group", "org:group-party-school", "集团党群服务中心多功能厅", "可容纳120人，配投影、音响和党旗背景墙，可承办党课、党日活动和入党宣誓。", ["会议室", "党课", "党日活动", "阵地"], [], 12, [("2026-12-01", "2027-06-30")], "available"),
      ("group", "org:group-hq-committee", "集团总部党建阵地展厅", "红色展厅与宣誓墙，适合入党宣誓和主题党日，可容纳50人。", ["阵地", "入党宣誓", "党日活动"], [], 8, [("2026-12-01", "2027-03-31")], "available"),
      ("A1", "org:lujiazui-securities-branch", "证券公司党建活动室", "陆家嘴办公楼内党建活动室，可坐60-90人，周末开放。", ["会议室", "党日活动"], [], 6, [("2026-12-10", "2027-02-28")], "available"),
      ("A1", "ext:陆家嘴社区党群服务站", "社区党群服务站报告厅", "社区报告厅对联盟单位开放，可上党课，80座。", ["党课", "会议室", "阵地"], [], None, [], "available"),
      ("A2", "org:lingang-port-committee", "港区党建阵地宣誓厅", "临港港区党建阵地，设有宣誓墙，可容纳60人。", ["阵地", "入党宣誓"], [], 10, [("2026-12-01", "2027-12-31")], "available"),
      ("A3", "ext:普陀街道党群服务中心", "街道党群服务中心会议室", "街道党群服务中心会议室免费借用，30-50人，可上党课。", ["党课", "会议室"], [], None, [("2026-12-01", "2027-12-31")], "available"),
      ("A1", "org:lujiazui-insurance-branch", "保险公司培训教室（已停用）", "原培训教室，装修中暂停借用。", ["会议室", "党课"], [], 4, [("2026-06-01", "2026-09-30")], "available"),
      ("A3", "ext:普陀某商场", "商场中庭活动场地（已撤回）", "商场中庭可办活动。", ["会议室", "党日活动"], [], None, [], "withdrawn"),
    ]),
  dict(key="elderly-meals", category="services", kind="experts",
    problems=[
      ("A3", "ext:普陀某居委会", "独居老人助餐和健康随访缺人手", "社区有120位独居老人，助餐点缺志愿者，也缺医生定期随访。", ["养老", "助餐"], "2027-01-31"),
      ("A1", "org:lujiazui-bank-branch", "结对社区老人需要健康讲座", "结对社区希望为老人开展慢病管理健康讲座和义诊。", ["养老", "健康讲座"], "2027-02-28"),
      ("A2", "ext:临港某村委会", "村里老人看病难", "村里老人多，去医院远，希望有医生定期下村义诊和为老服务。", ["为老服务", "义诊"], "2027-03-31"),
    ],
    offers=[
      ("group", "org:group-hospital-committee", "集团医院党员医生志愿服务队", "党员医生每月下社区义诊、慢病管理讲座、老人健康随访。", ["义诊", "健康讲座", "养老"], [("张医生", ["全科医疗", "慢病管理", "义诊"]), ("李护士", ["护理", "养老"])], 24, [("2026-12-01", "2027-12-31")], "available"),
      ("group", "org:group-catering-branch", "集团餐饮公司助老配餐服务", "为社区老人助餐点提供配餐和党员志愿者。", ["助餐", "养老", "为老服务"], [("王师傅", ["助餐", "营养配餐"])], 200, [("2026-12-01", "2027-06-30")], "available"),
      ("A3", "ext:普陀区社区卫生服务中心", "社区卫生服务中心家庭医生团队", "家庭医生团队为独居老人健康随访。", ["养老", "家庭医生", "随访"], [("赵医生", ["全科医疗", "随访"])], 50, [], "available"),
      ("A1", "org:lujiazui-insurance-branch", "保险公司健康管理师志愿队", "健康管理师开展老人健康讲座、慢病管理咨询。", ["健康讲座", "养老"], [("周健康管理师", ["慢病管理", "健康讲座"])], 10, [("2026-12-15", "2027-06-30")], "available"),
      ("A2", "org:lingang-medical-branch", "临港医院党员义诊队", "每月一次下村义诊，为老服务。", ["义诊", "为老服务"], [("孙医生", ["义诊", "全科医疗"])], 12, [("2026-12-01", "2027-12-31")], "available"),
      ("A3", "ext:普陀某养老院", "养老院护理员培训（名额已满）", "护理员带教。", ["养老", "护理"], [("钱护理员", ["护理"])], 2, [("2026-12-01", "2027-03-31")], "used-up"),
    ]),
  dict(key="legal-advice", category="expertise", kind="experts",
    problems=[
      ("A1", "ext:陆家嘴某楼宇商会", "楼宇小微企业劳动争议多", "楼宇里小微企业劳动合同不规范，劳动争议多，需要律师上门做法律咨询。", ["劳动争议", "法律咨询"], "2027-01-31"),
      ("A3", "ext:普陀某物业公司", "物业费纠纷需要法律支持", "小区物业费纠纷和合同问题，需要律师提供法律意见。", ["合同纠纷", "法律"], "2027-02-28"),
      ("A2", "ext:临港某科技企业", "初创企业股权合同不规范", "初创企业签股权和劳动合同，缺法律顾问审核。", ["合同", "法律顾问"], "2027-03-31"),
    ],
    offers=[
      ("group", "org:group-legal-branch", "集团法务部党员律师服务团", "党员律师为联盟单位提供劳动争议、合同审查等法律咨询。", ["法律咨询", "劳动争议", "合同"], [("陈律师", ["劳动法", "劳动争议", "法律"]), ("林律师", ["合同", "公司法"])], 30, [("2026-12-01", "2027-12-31")], "available"),
      ("group", "org:group-audit-committee", "集团审计法务联合志愿队", "合同审查、合规培训、法律顾问。", ["合同", "法律顾问", "合规"], [("黄法务", ["合同", "合规"])], 15, [], "available"),
      ("A1", "ext:陆家嘴某律师事务所", "律师事务所公益法律咨询", "每周三下午为楼宇企业提供公益法律咨询。", ["法律咨询", "劳动争议"], [("吴律师", ["劳动法", "劳动争议"])], None, [("2026-12-01", "2027-12-31")], "available"),
      ("A1", "org:lujiazui-securities-branch", "证券公司法务讲座", "法务人员讲解劳动合同和合规要点。", ["法律", "合同"], [("郑法务", ["合同", "合规"])], 4, [("2026-12-10", "2027-03-31")], "available"),
      ("A3", "ext:普陀区司法所", "司法所人民调解和法律援助", "人民调解员和法律援助律师参与物业、邻里纠纷调解。", ["法律", "调解", "合同纠纷"], [("冯调解员", ["调解", "物业纠纷"])], None, [], "available"),
      ("A2", "ext:临港某律师事务所", "律所创业企业法律顾问", "为园区初创企业提供股权、劳动合同法律顾问服务。", ["法律顾问", "合同", "股权"], [("何律师", ["股权", "公司法", "合同"])], 10, [("2026-12-01", "2027-12-31")], "available"),
    ]),
  dict(key="farm-sales", category="channels", kind="channels",
    problems=[
      ("A2", "ext:临港某村委会", "村里水蜜桃和蔬菜卖不出去", "村里合作社农产品滞销，希望有销售渠道和直播带货帮助。", ["农产品", "销售"], "2027-01-31"),
      ("A3", "ext:普陀结对帮扶村", "帮扶村大米找不到销路", "结对帮扶村的大米品质好但没有销售渠道，希望进企业食堂和电商平台。", ["农产品", "消费帮扶"], "2027-02-28"),
      ("A1", "org:lujiazui-bank-branch", "结对地区特产需要展销渠道", "结对地区的特色农产品想在陆家嘴办展销，需要场地方和电商渠道。", ["农产品", "展销"], "2027-03-31"),
    ],
    offers=[
      ("group", "org:group-canteen-committee", "集团食堂消费帮扶采购", "集团各食堂按计划采购结对地区农产品，消费帮扶。", ["消费帮扶", "农产品", "采购"], [], 500, [("2026-12-01", "2027-12-31")], "available"),
      ("group", "org:group-ecommerce-branch", "集团电商平台助农专区", "电商平台开设助农专区，提供直播带货和线上销售。", ["电商", "直播带货", "农产品", "销售"], [("直播运营小刘", ["直播带货", "电商运营"])], 50, [], "available"),
      ("A2", "org:lingang-logistics-branch", "物流公司冷链运输和销售对接", "冷链运输农产品进城，对接商超销售。", ["农产品", "冷链", "销售"], [], 20, [("2026-12-01", "2027-06-30")], "available"),
      ("A3", "ext:普陀某商超", "商超助农专柜", "商超开设助农专柜，销售帮扶村农产品。", ["农产品", "消费帮扶", "销售"], [], 10, [("2026-12-01", "2027-12-31")], "available"),
      ("A1", "ext:陆家嘴某商场", "商场周末展销摊位", "商场中庭周末展销摊位，适合特产展销。", ["展销", "农产品"], [], 8, [("2026-12-15", "2027-04-30")], "available"),
      ("A2", "ext:临港某电商企业", "电商企业直播间（暂停）", "直播间设备检修。", ["直播带货", "农产品"], [], 2, [("2026-07-01", "2026-10-31")], "available"),
    ]),
  dict(key="cadre-training", category="training", kind="training-places",
    problems=[
      ("A1", "org:lujiazui-securities-branch", "青年党员缺系统培训", "支部青年党员多，需要党校培训名额，学习党的创新理论。", ["青年党员", "党校"], "2027-03-31"),
      ("A2", "org:lingang-energy-branch", "支部书记履职能力培训", "新任支部书记不熟悉党务工作，需要支部书记培训班名额。", ["支部书记", "党务培训"], "2027-02-28"),
      ("A3", "ext:普陀某两新组织", "两新组织党务工作者培训", "两新组织党务工作者缺培训，希望参加党务干部培训。", ["党务培训", "两新组织"], "2027-04-30"),
    ],
    offers=[
      ("group", "org:group-party-school", "集团党校青年党员培训班名额", "每期预留20个名额给联盟单位青年党员。", ["党校", "青年党员", "理论学习"], [], 20, [("2027-01-05", "2027-06-30")], "available"),
      ("group", "org:group-org-department", "集团支部书记示范培训班", "支部书记履职能力、党务实务培训，对联盟单位开放名额。", ["支部书记", "党务培训"], [], 15, [("2026-12-15", "2027-05-31")], "available"),
      ("A1", "ext:陆家嘴金融城党校分校", "金融城党校青年干部课程", "金融城青年党员理论学习班。", ["青年党员", "理论学习"], [], 10, [("2027-01-10", "2027-04-30")], "available"),
      ("A2", "org:lingang-port-committee", "港区党务干部实训名额", "港区党务干部实训基地名额。", ["党务培训", "支部书记"], [], 8, [("2026-12-01", "2027-12-31")], "available"),
      ("A3", "ext:普陀区委党校", "区委党校两新组织党务培训", "两新组织党务工作者专题班。", ["党务培训", "两新组织"], [], 12, [("2027-01-01", "2027-06-30")], "available"),
      ("A1", "org:lujiazui-insurance-branch", "保险公司内训名额（已满）", "内训课程名额。", ["青年党员"], [], 5, [("2026-12-01", "2027-03-31")], "used-up"),
    ]),
  dict(key="flood-equipment", category="equipment", kind="equipment",
    problems=[
      ("A2", "ext:临港某村委会", "汛期缺抽水泵和沙袋", "村里低洼处每年汛期积水，缺抽水泵、沙袋等防汛物资。", ["防汛", "抽水泵"], "2027-05-31"),
      ("A3", "ext:普陀某居委会", "老小区地下车库防汛设备不足", "老小区地下车库易进水，需要挡水板和水泵。", ["防汛", "挡水板"], "2027-05-31"),
      ("A1", "org:lujiazui-bank-branch", "网点应急照明和发电设备缺", "台风季网点需要应急照明和移动发电设备。", ["应急", "发电机"], "2027-06-30"),
    ],
    offers=[
      ("group", "org:group-facilities-branch", "集团应急物资库防汛设备", "可借出抽水泵、挡水板、沙袋、应急照明。", ["防汛", "抽水泵", "挡水板", "应急"], [], 30, [("2026-12-01", "2027-12-31")], "available"),
      ("group", "org:group-power-branch", "集团电力公司移动发电车", "移动发电车和应急照明设备支援。", ["应急", "发电机", "照明"], [], 3, [], "available"),
      ("A2", "org:lingang-port-committee", "港区防汛抢险设备", "港区防汛抽水泵和沙袋支援周边村居。", ["防汛", "抽水泵", "沙袋"], [], 10, [("2027-04-01", "2027-10-31")], "available"),
      ("A3", "ext:普陀某物业公司", "物业公司防汛挡水板", "物业公司储备的挡水板可借用。", ["防汛", "挡水板"], [], 20, [("2026-12-01", "2027-12-31")], "available"),
      ("A1", "org:lujiazui-securities-branch", "证券公司备用发电机", "大楼备用发电机可短期支援。", ["应急", "发电机"], [], 1, [("2026-12-01", "2027-12-31")], "available"),
      ("A2", "ext:临港某建筑公司", "建筑公司抽水设备（已撤回）", "抽水设备。", ["防汛", "抽水泵"], [], 5, [], "withdrawn"),
    ]),
  dict(key="village-funding", category="funding", kind="funding",
    problems=[
      ("A2", "ext:临港某村委会", "村道路灯改造缺资金", "乡村振兴项目中村道路灯改造缺20万元资金。", ["乡村振兴", "基础设施"], "2027-03-31"),
      ("A3", "ext:普陀结对帮扶村", "帮扶村产业项目启动资金不足", "帮扶村茶叶加工项目缺启动资金，需要帮扶资金。", ["帮扶资金", "产业项目"], "2027-04-30"),
      ("A1", "ext:陆家嘴社区党群服务站", "社区微更新项目缺经费", "社区口袋花园微更新项目缺5万元经费。", ["社区微更新", "经费"], "2027-02-28"),
    ],
    offers=[
      ("group", "org:group-foundation", "集团公益基金乡村振兴专项", "乡村振兴专项资金，支持帮扶村基础设施和产业项目。", ["乡村振兴", "帮扶资金", "产业项目"], [], 2000000, [("2026-12-01", "2027-12-31")], "available"),
      ("group", "org:group-union-committee", "集团工会社区公益微基金", "支持社区微更新、公益项目的小额经费。", ["社区微更新", "公益", "经费"], [], 300000, [("2026-12-01", "2027-06-30")], "available"),
      ("A2", "org:lingang-energy-branch", "能源公司结对帮扶资金", "结对村基础设施改造帮扶资金。", ["帮扶资金", "乡村振兴", "基础设施"], [], 500000, [("2026-12-01", "2027-12-31")], "available"),
      ("A3", "ext:普陀某企业商会", "商会产业帮扶资金", "商会会员企业出资支持帮扶村产业项目。", ["帮扶资金", "产业项目"], [], 800000, [], "available"),
      ("A1", "org:lujiazui-bank-branch", "银行党建共建经费", "共建社区公益项目经费。", ["经费", "公益", "社区微更新"], [], 100000, [("2026-12-01", "2027-12-31")], "available"),
    ]),
  dict(key="chip-tech", category="expertise", kind="experts",
    problems=[
      ("A2", "ext:临港某芯片企业", "芯片封装良率攻关缺专家", "集成电路封装测试良率低，需要工艺专家技术攻关。", ["集成电路", "技术攻关"], "2027-03-31"),
      ("A2", "org:lingang-energy-branch", "新能源电池热管理技术难题", "储能电池热管理设计遇到瓶颈，需要专家把脉。", ["新能源", "技术攻关"], "2027-04-30"),
      ("A1", "ext:陆家嘴某金融科技公司", "金融科技数据安全技术咨询", "系统数据安全等级保护整改，需要信息安全专家指导。", ["数据安全", "信息安全"], "2027-02-28"),
    ],
    offers=[
      ("group", "org:group-research-institute", "集团研究院党员专家服务团", "研究院党员专家开展技术攻关、工艺诊断。", ["技术攻关", "专家服务"], [("高工程师", ["集成电路", "封装工艺"]), ("马研究员", ["新能源", "电池热管理"])], 20, [("2026-12-01", "2027-12-31")], "available"),
      ("group", "org:group-it-branch", "集团信息中心安全专家", "信息安全专家提供等保整改、数据安全咨询。", ["信息安全", "数据安全", "等保"], [("罗安全专家", ["数据安全", "等保", "信息安全"])], 10, [], "available"),
      ("A2", "ext:临港某高校实验室", "高校集成电路实验室专家", "高校实验室教授团队支持企业芯片工艺攻关。", ["集成电路", "技术攻关"], [("梁教授", ["集成电路", "封装工艺", "可靠性"])], 5, [("2026-12-01", "2027-12-31")], "available"),
      ("A2", "org:lingang-power-branch", "电力公司储能专家", "储能系统设计与电池热管理专家。", ["新能源", "储能"], [("宋工", ["电池热管理", "储能"])], 4, [("2026-12-01", "2027-12-31")], "available"),
      ("A1", "org:lujiazui-securities-branch", "证券公司信息技术党员骨干", "信息技术骨干提供系统安全咨询。", ["信息安全", "数据安全"], [("唐工程师", ["信息安全", "数据安全"])], 3, [("2026-12-01", "2027-06-30")], "available"),
    ]),
  dict(key="jobs-channels", category="channels", kind="channels",
    problems=[
      ("A3", "ext:普陀某居委会", "社区失业青年找工作难", "社区有30多名失业青年，需要招聘渠道和就业岗位信息。", ["就业", "招聘"], "2027-02-28"),
      ("A2", "ext:临港某科技企业", "园区企业招工难", "园区企业缺技术工人，需要招聘渠道。", ["招聘", "技术工人"], "2027-03-31"),
      ("A1", "ext:陆家嘴某楼宇商会", "楼宇企业需要校园招聘渠道", "楼宇中小企业需要进高校做校园招聘的渠道。", ["校园招聘", "人才"], "2027-04-30"),
    ],
    offers=[
      ("group", "org:group-hr-branch", "集团人力资源公司招聘平台", "招聘平台免费为联盟单位发布岗位，组织专场招聘会。", ["招聘", "就业", "招聘会"], [], None, [("2026-12-01", "2027-12-31")], "available"),
      ("group", "org:group-party-school", "集团校企合作校园招聘通道", "依托校企合作，组织校园招聘。", ["校园招聘", "人才", "招聘"], [], 10, [("2027-03-01", "2027-06-30")], "available"),
      ("A3", "ext:普陀区就业促进中心", "就业促进中心岗位推荐", "为社区失业人员推荐岗位、就业指导。", ["就业", "岗位推荐"], [], None, [], "available"),
      ("A2", "org:lingang-port-committee", "港区技能人才招聘对接会", "港区定期举办技术工人招聘对接会。", ["招聘", "技术工人"], [], 4, [("2026-12-01", "2027-12-31")], "available"),
      ("A1", "ext:陆家嘴某高校就业指导中心", "高校就业指导中心宣讲通道", "为企业安排校园宣讲和招聘。", ["校园招聘", "人才"], [], 6, [("2027-02-20", "2027-06-30")], "available"),
    ]),
  dict(key="summer-care", category="services", kind="venue",
    problems=[
      ("A1", "org:lujiazui-bank-branch", "职工子女寒假托管没有场地", "寒假职工子女托管班需要场地和志愿者。", ["托管", "儿童"], "2027-01-20"),
      ("A3", "ext:普陀某居委会", "社区寒托班缺活动室", "社区寒假托管班缺少儿童活动室。", ["寒托班", "儿童"], "2027-01-20"),
      ("A2", "ext:临港某村委会", "村里留守儿童课后没去处", "村里留守儿童放学后没有去处，需要课后活动场地。", ["儿童", "课后服务"], "2027-03-31"),
    ],
    offers=[
      ("group", "org:group-union-committee", "集团职工之家儿童活动室", "职工之家儿童活动室寒暑假开放托管。", ["儿童", "托管", "寒托班"], [], 40, [("2027-01-10", "2027-02-28")], "available"),
      ("group", "org:group-youth-league", "集团团委青年志愿者课后服务点", "团员青年志愿者在服务点开展课后辅导。", ["儿童", "课后服务", "志愿者"], [("青年志愿者小组", ["课后辅导", "儿童"])], 30, [("2026-12-01", "2027-12-31")], "available"),
      ("A1", "ext:陆家嘴社区党群服务站", "党群服务站寒托班教室", "寒假托管班教室，配图书角。", ["托管", "寒托班", "儿童"], [], 30, [("2027-01-15", "2027-02-20")], "available"),
      ("A3", "ext:普陀某小学", "小学寒假开放活动室", "小学活动室寒假对社区开放。", ["儿童", "寒托班"], [], 50, [("2027-01-15", "2027-02-20")], "available"),
      ("A2", "org:lingang-energy-branch", "能源公司村级儿童之家", "在结对村共建儿童之家，提供课后活动场地。", ["儿童", "课后服务"], [], 20, [("2026-12-01", "2027-12-31")], "available"),
    ]),
]

def main():
    offers, problems = [], []
    for t in THEMES:
        ids = []
        for i, (scope, unit, title, desc, tags, people, cap, windows, state) in enumerate(t["offers"]):
            oid = f"{t['key']}-o{i+1}"
            ids.append((oid, scope, state, windows))
            offers.append(dict(id=oid, theme=t["key"], scope="group" if scope == "group" else "alliance",
                               alliance=None if scope == "group" else scope, unit=unit, kind=t["kind"], title=title, description=desc,
                               tags=tags, people=[dict(name=n, skills=s) for n, s in people], capacity=cap,
                               windows=[dict(**{"from": a, "to": b}) for a, b in windows], state=state))
        for i, (alliance, unit, title, need, tags, wanted) in enumerate(t["problems"]):
            problems.append(dict(id=f"{t['key']}-p{i+1}", theme=t["key"], alliance=alliance, unit=unit, category=t["category"],
                                 title=title, need=need, tags=tags, wantedBy=wanted))
    for p in problems:
        correct, wrong = [], []
        for o in offers:
            visible = o["scope"] == "group" or o["alliance"] == p["alliance"]
            if not visible:
                continue
            usable = o["state"] == "available" and (not o["windows"] or any(w["to"] >= AS_OF and w["from"] <= p["wantedBy"] for w in o["windows"]))
            if o["theme"] == p["theme"] and usable:
                correct.append(o["id"])
            elif o["theme"] == p["theme"] or o["kind"] in KINDS_JUDGED[p["category"]]:
                wrong.append(o["id"])
        p["correct"], p["judgedWrong"] = correct, wrong
    json.dump(dict(asOf=AS_OF, alliances=ALLIANCES, offers=offers, problems=problems), __import__("sys").stdout, ensure_ascii=False, indent=1)

# The offers judged for a problem beyond its own theme: every visible offer of a kind a person would consider for the
# need (the same kinds the console lets one pick), so that the wrong labels cover the offers that compete for the top 3.
KINDS_JUDGED = {
    "venue": ["venue"], "services": ["experts", "venue", "equipment"], "expertise": ["experts", "training-places"],
    "channels": ["channels", "experts"], "training": ["training-places", "experts", "venue"], "equipment": ["equipment", "funding"],
    "funding": ["funding"],
}

main()
