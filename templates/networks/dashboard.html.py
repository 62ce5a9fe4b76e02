BBBBBBB BBBBBBBBBBB
BBBB BBBB

BBBBB BBBBB gettext(u'Dashboard')  X BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXXXXXXXXXXXX
    XX XXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXX
      XXXX gettext(u'Hello, %(name)s') SSSSSS SSSSSSSSXXXXX
      XXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXX
    XXXXXX
  XXXXXX

  BB BBBBBBBBBBBBBBB BB BBBBBBBBBBBBB
    BBB BBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBBBBBB
    BB BBBBBBBBBBBBBBBBBBBBBB
      XXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX gettext(u'Pledges need you') XXXXXXXXX
         ngettext(u'%(counter)s new pledge is waiting for your decision.', u'%(counter)s new pledges are waiting for your decision.', count) 
          SSSSSSSSSSS SSS SSSSSS SS SSSSSSS SSS SSSS SSSSSSSSS
        
          PPPPPPPPPPP PPP PPPPPPP PPP PPPPPPP PPP PPPP PPPPPPPPP
        
        XX XXXXXXXXXXXXXXXXXXXXXXX gettext(u'Review the pending pledges') XXXXXXXX
      XXXXXXXX
    BBBBB
    XXXX XXXXXXXXXXX XXXXXXXX
      XXXXXXXX XXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX gettext(u'Coordinating the network') XXXXX
        XXX XXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Pledges') XX
          XXX XXXXXXXXXXXXX
            XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
            XX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXX gettext(u'waiting for your decision') XXXX
          XXXXX
          XXX XXXXXXXXXXXXX
            XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
            XX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX gettext(u'active partners') XXXX
          XXXXX
        XXXXX
        BB BBBBBBBBBBBBBBBBBBB
          XX XXXXXXXXXXXXXX ngettext(u'%(counter)s more pending pledge waits for its signer to confirm their email address.', u'%(counter)s more pending pledges wait for their signers to confirm their email addresses.', count) 
            SSSSSSSSSSS SSSS SSSSSSS SSSSSS SSSSS SSS SSS SSSSSS SS SSSSSSS SSSSS SSSSS SSSSSSSS
          
            PPPPPPPPPPP PPPP PPPPPPP PPPPPPP PPPP PPP PPPPP PPPPPPP PP PPPPPPP PPPPP PPPPP PPPPPPPPPP
          XXXX
        BBBBB
        XXX XXXXXXXXXXXXXXXXXXXX
          XXXXXX XXXXXXXX
            XXXXXX gettext(u'Pledges') 
              XXXXX XXXXXXXXXXXXXXXXXX gettext(u'Approve or decline new pledges; suspend, reinstate or revoke others') XXXXXXXXXXXXXX
          XXXXXXXXX
          XXXXXX XXXXXXBBB BBBBBBBBBBBBXX
            XXXXXX gettext(u'Stores') 
              XXXXX XXXXXXXXXXXXXXXXXX gettext(u'Every member store with its pledge status') XXXXXXXXXXXXXX
          XXXXXXXXX
          XXXXXX XXXXXXBBB BBBBBBBBBBBBBXX
            XXXXXX gettext(u'Members') 
              XXXXX XXXXXXXXXXXXXXXXXX gettext(u'Everyone in the network and their role') XXXXXXXXXXXXXX
          XXXXXXXXX
          XXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBXX
            XXXXXX gettext(u'Pledge text') 
              XXXXX XXXXXXXXXXXXXXXXXXBB BBBBBBBBBBBBBBBBBBBBBB ngettext(u'%(counter)s store has not re-affirmed the current text yet', u'%(counter)s stores have not re-affirmed the current text yet', count) SSSSSSSSSSS SSSSS SSS SSS SSSSSSSSSSS SSS SSSSSSS SSSS SSSPPPPPPPPPPP PPPPPP PPPP PPP PPPPPPPPPPP PPP PPPPPPP PPPP PPPBBBB gettext(u'What every store signs') BBBBBXXXXXXXXXXXXXX
          XXXXXXXXX
        XXXXX
      XXXXXXXXXX
  BBBB BBBBBBBBBBBBBBB BB BBBBBBBBBBBBBBBBB
    XXXX XXXXXXXXXXX XXXXXXXX
      XXXXXXXX XXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u'What you can do today') XXXXX
        XXX ngettext(u"%(counter)s jeweler in this network is an active partner. The stores directory gives each one's address and phone number, and its pledge status.", u"%(counter)s jewelers in this network are active partners. The stores directory gives each one's address and phone number, and its pledge status.", count) 
          SSSSSSSSSSS SSSSSSS SS SSSS SSSSSSS SS SS SSSSSS SSSSSSSS SSS SSSSSS SSSSSSSSS SSSSS SSSS SSSSS SSSSSSS SSS SSSSS SSSSSSS SSS SSS SSSSSS SSSSSSS
        
          PPPPPPPPPPP PPPPPPPP PP PPPP PPPPPPP PPP PPPPPP PPPPPPPPP PPP PPPPPP PPPPPPPPP PPPPP PPPP PPPPP PPPPPPP PPP PPPPP PPPPPPP PPP PPP PPPPPP PPPPPPP
        XXXX
        XXX XXXXXXXXXXXXXXXXXXXX
          XXXXXX XXXXXXBBB BBBBBBBBBBBBXX
            XXXXXX gettext(u'Stores directory') 
              XXXXX XXXXXXXXXXXXXXXXXX gettext(u'Addresses, phone numbers and who is in good standing') XXXXXXXXXXXXXX
          XXXXXXXXX
        XXXXX
      XXXXXXXXXX
      XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u'Coming to this page') XXXXX
        XXX gettext(u'The network is building your desk. As each part opens, it appears here with what waits for you:') XXXX
        XXXX
          XXXX gettext(u'the incident logbook: what member stores report, to review and follow up') XXXXX
          XXXX gettext(u'patrol requests from stores that want a visit') XXXXX
          XXXX gettext(u'response plans agreed with the network') XXXXX
        XXXXX
      XXXXXXXXXX
  BBBB BBB BBBBBB
    XXXX XXXXXXXXXXX XXXXXXXX
      XXXXXXXX XXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX gettext(u'Your store') XXXXX
        XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        BB BBBBBBBBBBBBBBB BB BBBBBBBBBBBBB
          XXX gettext(u'Your store has not taken the pledge yet. Taking it makes your store a partner: the other stores and the police can count on it, and you get the partner toolkit.') XXXX
          XXXXX XXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBXX gettext(u'Take the pledge') XXXXXXXX
        BBBB
          XXX gettext(u'Your store has not taken the pledge yet. Its owner takes it; you will be asked to acknowledge it then.') XXXX
        BBBBB
      XXXXXXXXXX
  BBBB
    BBB BBBBBBBBBBBB BB BBBBBBBBB
    BB BBBBBBBBBBBBBBB BB BBBBBBBBBBBBB BBB BBBBBBBB BBB BBBBBBBBBBBBB BB BBBBBBBBB BBB BBBBBBBBBBBBB BB BBBBBBBBBBB
      XXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'The pledge text has changed') XXXXXXXXX
         gettext(u'Your store signed version %(number)s. Read the new text and sign it again to stay up to date.') SSSS SSSSS SSSSSS SSSSSSS SSSSSSSSSSS SSSS SSS SSS SSSS SSS SSSS SS SSSSS SS SSSS SS SS SSSSS
        XX XXXXXXBBB BBBBBBBBBBBBBBBBXX gettext(u'Read and re-affirm the pledge') XXXXXXXX
      XXXXXXXX
    BBBB BBBBBBBBBBBBBBB BB BBBBBBBBBBBBB BBB BBBBBBBBBBBBB BB BBBBBBBB BBB BBB BBBBBBBBBBBB
      XXXXXX XXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Next step: acknowledge the pledge') XXXXXXXXX
         gettext(u'Read what your store committed to, then add your own acknowledgement.') 
        XX XXXXXXXXXXXXXXXXXXX gettext(u'Read and acknowledge the pledge') XXXXXXXX
      XXXXXXXX
    BBBBB
    XXXX XXXXXXXXXXX XXXXXXXX
      XXXXXXXX XXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXX gettext(u"Your store's pledge") XXXXX
        XXXX XXXXXXXXXXXXXXXXX
          XX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
          BBBBBBB BBBBBBBBBBBBBBBBBBBBBB
        XXXXXX
        BB BBBBBBBBBBBBB BB BBBBBBBBB BBB BBBBBBBBB BB BBBBBBB
          XXXBB BBBBBBBBBBBBBBB BB BBBBBBBBBBBBB gettext(u'Next step: confirm your email address with the link we sent you.') BBBB gettext(u'The pledge starts once the owner confirms their email address.') BBBBBXXXX
        BBBB BBBBBBBBBBBBB BB BBBBBBBBB
          XXX gettext(u"Waiting for the coordinator's approval. We will email the owner as soon as it is approved.") XXXX
        BBBB BBBBBBBBBBBBB BB BBBBBBBBBBB
          XXX gettext(u"The pledge is suspended. Talk to the network's coordinator to have it reinstated.") XXXX
        BBBB BBBBBBBBBBBBB BB BBBBBBBB BBB BBBBBBBBBBBBBBB BB BBBBBBBBBBBBB BBB BBBBBBBBBBBB
          XXX gettext(u"You have acknowledged your store's pledge. Thank you.") XXXX
        BBBBB
        XXX XXXXXXXXXXXXXXXXXXXX
          XXXXXX XXXXXXXX
            XXXXXX gettext(u"Your store's pledge") 
              XXXXX XXXXXXXXXXXXXXXXXX gettext(u'Status, verification code and what your store committed to') XXXXXXXXXXXXXX
          XXXXXXXXX
          BB BBBBBBBBBBBBB BB BBBBBBBB
            XXXXXX XXXXXXBBB BBBBBBBBBBBBBBXX
              XXXXXX gettext(u'Partner toolkit') 
                XXXXX XXXXXXXXXXXXXXXXXX gettext(u'Badge, window sign, social graphics and email banner') XXXXXXXXXXXXXX
            XXXXXXXXX
          BBBBB
          XXXXXX XXXXXXBBB BBBBBBBBBBBBXX
            XXXXXX gettext(u'Other partners in the network') 
              XXXXX XXXXXXXXXXXXXXXXXX gettext(u'Who to call nearby') XXXXXXXXXXXXXX
          XXXXXXXXX
        XXXXX
      XXXXXXXXXX
      BB BBBBBBBBBBBBBBB BB BBBBBBBBBBBBB BBB BBBB
        XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXX gettext(u'Your team') XXXXX
          XXX XXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Your team') XX
            XXX XXXXXXXXXXXXX
              XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
              XXXXX XXXXXXXXXXXXXXXXXXX ngettext(u'staff member', u'staff members', count) SSSSS SSSSSSPPPPP PPPPPPPXXXXXXX
            XXXXX
            XXX XXXXXXXXXXXXX
              XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
              XXXXX XXXXXXXXXXXXXXXXXXX ngettext(u'invitation pending', u'invitations pending', count) SSSSSSSSSS SSSSSSSPPPPPPPPPPP PPPPPPPXXXXXXX
            XXXXX
            XXX XXXXXXXXXXXXX
              XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
              XXXXX XXXXXXXXXXXXXXXXXXX ngettext(u'acknowledgement missing', u'acknowledgements missing', count) SSSSSSSSSSSSSSS SSSSSSSPPPPPPPPPPPPPPPP PPPPPPPXXXXXXX
            XXXXX
          XXXXX
          XXX XXXXXXXXXXXXXXXXXXXX
            XXXXXX XXXXXXXXXXXXXXXXXXX
              XXXXXX gettext(u'Invite your staff') 
                XXXXX XXXXXXXXXXXXXXXXXX gettext(u'Each person gets a single-use link by email') XXXXXXXXXXXXXX
            XXXXXXXXX
          XXXXX
        XXXXXXXXXX
      BBBBB
  BBBBB

    XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
      XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX gettext(u'Your account') XXXXX
      XXX XXXXXXXXXXXXXXXXXXXXXXXX
        XXXX gettext(u'Email') XXXXX
        XXXXXXXXX
        XXXX gettext(u'Role') XXXXX
        XXXXXXXXX
      XXXXX
      XXX XXXXXXXXXXXXXXXXXXXX
        XXXXXX XXXXXXBBB BBBBBBBBBBBXX
          XXXXXX gettext(u'Two-factor authentication') 
            XXXXX XXXXXXXXXXXXXXXXXX gettext(u'Protect your login with an authenticator app') XXXXXXXXXXXXXX
        XXXXXXXXX
        XXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBXX
          XXXXXX gettext(u'Change password') XXXXXXX
        XXXXXXXXX
      XXXXX
    XXXXXXXXXX
  XXXXXX

  XXXXXX XXXXXXXXXXXX XXXXXXXXXX XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u'If something happens') XXXXXXXXX
     gettext(u"Call the police first. Never confront, chase or block anyone: your safety and your customers' come before any merchandise.") XXXX
  XXXXXXXX
BBBBBBBB BBBBBBB
