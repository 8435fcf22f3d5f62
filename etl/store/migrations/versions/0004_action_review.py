"""actions wait for review like observations

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

CURRENT = "superseded_at IS NULL AND review = 'approved'"


def upgrade() -> None:
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review', sa.String(length=10), server_default='approved', nullable=False))
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index('uq_action_current')
        batch_op.create_index('uq_action_current', ['agency', 'year', 'action_code'], unique=True, sqlite_where=sa.text(CURRENT), postgresql_where=sa.text(CURRENT))


def downgrade() -> None:
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index('uq_action_current')
        batch_op.create_index('uq_action_current', ['agency', 'year', 'action_code'], unique=True, sqlite_where=sa.text('superseded_at IS NULL'), postgresql_where=sa.text('superseded_at IS NULL'))
        batch_op.drop_column('review')
